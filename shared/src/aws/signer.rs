//! Signs audit checkpoints with an asymmetric KMS key (ECC_NIST_P256, ECDSA_SHA_256). The
//! private key never leaves KMS; anyone with the public key (`public_key_pem`) verifies a
//! checkpoint offline, e.g. with OpenSSL.

use aws_sdk_kms::Client;

use super::sdk::LazyClient;
use aws_sdk_kms::error::{DisplayErrorContext, SdkError};
use aws_sdk_kms::primitives::Blob;
use aws_sdk_kms::types::{MessageType, SigningAlgorithmSpec};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use thiserror::Error;

use crate::domain::audit::{CHECKPOINT_ALGORITHM, Checkpoint, SignedCheckpoint};

#[derive(Debug, Error)]
pub enum SignerError {
    #[error("signing key: {0}")]
    Kms(String),
    #[error("KMS answered without {0}")]
    Incomplete(&'static str),
}

fn kms<E, R>(error: SdkError<E, R>) -> SignerError
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    SignerError::Kms(format!("{}", DisplayErrorContext(&error)))
}

#[derive(Debug, Clone)]
pub struct Signer {
    client: LazyClient<Client>,
    key_id: String,
}

impl Signer {
    pub fn new(client: LazyClient<Client>, key_id: &str) -> Signer {
        Signer {
            client,
            key_id: key_id.to_owned(),
        }
    }

    pub async fn sign(
        &self,
        checkpoint: Checkpoint,
        signed_at: String,
    ) -> Result<SignedCheckpoint, SignerError> {
        let (signature, key_id) = self.sign_payload(checkpoint.signing_payload()).await?;
        Ok(SignedCheckpoint {
            checkpoint,
            algorithm: CHECKPOINT_ALGORITHM.to_owned(),
            key_id,
            signature,
            signed_at,
        })
    }

    /// Signs `payload` (ECDSA P-256 over its SHA-256): the base64 DER signature and the key's
    /// ARN (even when the configured id is an alias: it names the key for good).
    pub async fn sign_payload(&self, payload: Vec<u8>) -> Result<(String, String), SignerError> {
        let out = self
            .client
            .sign()
            .key_id(&self.key_id)
            .message(Blob::new(payload))
            .message_type(MessageType::Raw)
            .signing_algorithm(SigningAlgorithmSpec::EcdsaSha256)
            .send()
            .await
            .map_err(kms)?;
        let signature = out
            .signature()
            .ok_or(SignerError::Incomplete("signature"))?;
        let key_id = out.key_id().ok_or(SignerError::Incomplete("key id"))?;
        Ok((STANDARD.encode(signature.as_ref()), key_id.to_owned()))
    }

    /// Whether `signed` carries a valid signature by this signer's key. A signature that is
    /// not valid (or not even base64, or of another algorithm) is `Ok(false)`; only a KMS
    /// failure is an error.
    pub async fn verify(&self, signed: &SignedCheckpoint) -> Result<bool, SignerError> {
        if signed.algorithm != CHECKPOINT_ALGORITHM {
            return Ok(false);
        }
        let Ok(signature) = STANDARD.decode(&signed.signature) else {
            return Ok(false);
        };
        let verified = self
            .client
            .verify()
            .key_id(&self.key_id)
            .message(Blob::new(signed.checkpoint.signing_payload()))
            .message_type(MessageType::Raw)
            .signing_algorithm(SigningAlgorithmSpec::EcdsaSha256)
            .signature(Blob::new(signature))
            .send()
            .await;
        match verified {
            // KMS throws for an invalid signature; some emulators answer `false` instead.
            Ok(out) => Ok(out.signature_valid()),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|e| e.is_kms_invalid_signature_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(kms(error)),
        }
    }

    /// The public key as PEM (SubjectPublicKeyInfo), as OpenSSL and the offline verify read it.
    pub async fn public_key_pem(&self) -> Result<String, SignerError> {
        let out = self
            .client
            .get_public_key()
            .key_id(&self.key_id)
            .send()
            .await
            .map_err(kms)?;
        let der = out
            .public_key()
            .ok_or(SignerError::Incomplete("public key"))?;
        Ok(spki_pem(der.as_ref()))
    }
}

/// PEM armour for a DER SubjectPublicKeyInfo (RFC 7468: base64 in lines of 64).
pub fn spki_pem(der: &[u8]) -> String {
    let encoded = STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
    for line in encoded.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END PUBLIC KEY-----\n");
    pem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_key_is_armoured_in_lines_of_64() {
        let pem = spki_pem(&[7u8; 91]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines[0], "-----BEGIN PUBLIC KEY-----");
        assert_eq!(lines[1].len(), 64);
        assert_eq!(lines[2].len(), 124 - 64);
        assert_eq!(lines[3], "-----END PUBLIC KEY-----");
        let body: String = lines[1..3].concat();
        assert_eq!(STANDARD.decode(body).unwrap_or_default(), vec![7u8; 91]);
    }
}
