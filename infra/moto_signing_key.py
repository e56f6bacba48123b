"""Prints, as PEM, the RSA key moto signs its Cognito tokens with.

The forged-token tests need a key the emulator trusts, so they can prove that a correctly
signed token is still refused when its issuer, audience, expiry or token_use is wrong, and
accepted when all are right. moto ships the key as a JWK with only n, e and d.
"""

import base64
import gzip
import json
import os

import moto.cognitoidp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def number(text):
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def main():
    path = os.path.join(os.path.dirname(moto.cognitoidp.__file__), "resources", "jwks-private.json.gz")
    with gzip.open(path) as f:
        jwk = json.load(f)
    n, e, d = number(jwk["n"]), number(jwk["e"]), number(jwk["d"])
    p, q = rsa.rsa_recover_prime_factors(n, e, d)
    key = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q),
        rsa.RSAPublicNumbers(e, n),
    ).private_key()
    print(key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode(), end="")
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    print(public, end="")


if __name__ == "__main__":
    main()
