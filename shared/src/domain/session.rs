//! Tokens our login routes hand out and take back, authenticated with keys only the auth
//! functions hold: the MFA and new-password session wrapper, the refresh handle, the
//! encrypted MFA_SETUP session, and Cognito's `SECRET_HASH` for a confidential app client.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Cognito's own login sessions last three minutes; ours never outlive them.
pub const MFA_SESSION_SECONDS: i64 = 180;

/// What `POST /auth/mfa` needs besides the code: Cognito's session and the user it belongs
/// to. Sealed with an HMAC, so a client can neither name another user nor forge one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaSession {
    /// The pool's user name for the challenge's answer (Cognito's `USER_ID_FOR_SRP`).
    #[serde(rename = "u")]
    pub username: String,
    /// Cognito's session for the challenge.
    #[serde(rename = "s")]
    pub cognito_session: String,
    /// Seconds since the epoch after which the wrapper is refused.
    #[serde(rename = "e")]
    pub expires_at: i64,
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; `new_from_slice` fails for none.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

/// `base64url(json) "." base64url(HMAC-SHA256(key, base64url(json)))`.
fn seal_signed<T: Serialize>(value: &T, key: &[u8]) -> String {
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap_or_default());
    let mut mac = mac(key);
    mac.update(payload.as_bytes());
    let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{payload}.{tag}")
}

/// The value of a token [`seal_signed`] made with `key` (the tag checked in constant time).
fn open_signed<T: DeserializeOwned>(token: &str, key: &[u8]) -> Option<T> {
    let (payload, tag) = token.split_once('.')?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    let mut mac = mac(key);
    mac.update(payload.as_bytes());
    mac.verify_slice(&tag).ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// One 256-bit key per purpose from the session-key secret (HKDF-SHA256, the purpose as
/// `info`): a token made for one purpose never opens as another, and the secret itself is
/// used only for the MFA session wrapper it was made for.
fn derive_key(secret: &[u8], purpose: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's limit of 255 × 32.
    Hkdf::<Sha256>::new(None, secret)
        .expand(purpose, &mut key)
        .unwrap_or_else(|_| unreachable!("32 bytes is a valid HKDF-SHA256 output length"));
    key
}

impl MfaSession {
    pub fn new(username: &str, cognito_session: &str, now: i64) -> MfaSession {
        MfaSession {
            username: username.to_owned(),
            cognito_session: cognito_session.to_owned(),
            expires_at: now + MFA_SESSION_SECONDS,
        }
    }

    /// `base64url(json) "." base64url(HMAC-SHA256(key, base64url(json)))`.
    pub fn seal(&self, key: &[u8]) -> String {
        seal_signed(self, key)
    }

    /// The session, if `token` was sealed with `key` (checked in constant time) and has not
    /// expired at `now`; anything else is `None` and must be answered like a wrong code.
    pub fn open(token: &str, key: &[u8], now: i64) -> Option<MfaSession> {
        let session: MfaSession = open_signed(token, key)?;
        (now <= session.expires_at).then_some(session)
    }
}

/// How long a refresh handle opens: the app client's refresh-token validity (template.yaml,
/// 30 days). Cognito refuses an older refresh token anyway; this keeps a stolen handle from
/// being tried against Cognito after that.
pub const REFRESH_HANDLE_SECONDS: i64 = 30 * 24 * 3600;

const REFRESH_HANDLE_PURPOSE: &[u8] = b"mypages refresh handle v1";

/// The `refreshToken` our routes hand out: Cognito's refresh token with the pool's user name,
/// which `REFRESH_TOKEN_AUTH` needs for the `SECRET_HASH` of a confidential client and which
/// the client could otherwise name freely. Signed (HMAC), not encrypted: both parts are the
/// user's own.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefreshHandle {
    /// The pool's user name (the access token's `username` claim).
    #[serde(rename = "u")]
    pub username: String,
    #[serde(rename = "r")]
    pub refresh_token: String,
    #[serde(rename = "e")]
    pub expires_at: i64,
}

// A refresh token is a credential: never in a log.
impl std::fmt::Debug for RefreshHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshHandle")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl RefreshHandle {
    pub fn new(username: &str, refresh_token: &str, now: i64) -> RefreshHandle {
        RefreshHandle {
            username: username.to_owned(),
            refresh_token: refresh_token.to_owned(),
            expires_at: now + REFRESH_HANDLE_SECONDS,
        }
    }

    /// Signed with a key derived from the session-key secret for this purpose only.
    pub fn seal(&self, session_secret: &[u8]) -> String {
        seal_signed(self, &derive_key(session_secret, REFRESH_HANDLE_PURPOSE))
    }

    /// The handle, if it is one we sealed and it has not expired at `now`.
    pub fn open(token: &str, session_secret: &[u8], now: i64) -> Option<RefreshHandle> {
        let handle: RefreshHandle =
            open_signed(token, &derive_key(session_secret, REFRESH_HANDLE_PURPOSE))?;
        (now <= handle.expires_at).then_some(handle)
    }
}

/// How long a user has to add an authenticator app after a login answered `MFA_SETUP`.
pub const SETUP_SESSION_SECONDS: i64 = 600;

const SETUP_SESSION_PURPOSE: &[u8] = b"mypages mfa-setup session v1";
const SETUP_SESSION_VERSION: &str = "s1";

/// The `session` of an `MFA_SETUP` answer: the tokens of a login that succeeded but may not
/// be handed out before the user enrols TOTP. It holds an access and a refresh token, so it
/// is encrypted (XChaCha20-Poly1305, a random 192-bit nonce), not only signed: the client
/// cannot read the tokens out of it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupSession {
    /// The pool's user name, for the refresh after enrolment.
    #[serde(rename = "u")]
    pub username: String,
    /// The label of the authenticator entry.
    #[serde(rename = "m")]
    pub email: String,
    #[serde(rename = "a")]
    pub access_token: String,
    #[serde(rename = "r")]
    pub refresh_token: String,
    #[serde(rename = "e")]
    pub expires_at: i64,
}

impl std::fmt::Debug for SetupSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetupSession")
            .field("username", &self.username)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl SetupSession {
    /// `nonce` must be fresh random bytes for every sealing (the caller draws them: the
    /// domain does no I/O).
    pub fn seal(&self, session_secret: &[u8], nonce: [u8; 24]) -> String {
        let cipher =
            XChaCha20Poly1305::new(&derive_key(session_secret, SETUP_SESSION_PURPOSE).into());
        let plaintext = serde_json::to_vec(self).unwrap_or_default();
        // Encryption fails only for messages beyond 256 GiB.
        let ciphertext = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &plaintext,
                    aad: SETUP_SESSION_VERSION.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut sealed = nonce.to_vec();
        sealed.extend(ciphertext);
        format!("{SETUP_SESSION_VERSION}.{}", URL_SAFE_NO_PAD.encode(sealed))
    }

    /// The session, if `token` decrypts and authenticates under the key and has not expired
    /// at `now`.
    pub fn open(token: &str, session_secret: &[u8], now: i64) -> Option<SetupSession> {
        let body = token
            .strip_prefix(SETUP_SESSION_VERSION)?
            .strip_prefix('.')?;
        let sealed = URL_SAFE_NO_PAD.decode(body).ok()?;
        if sealed.len() < 24 {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(24);
        let cipher =
            XChaCha20Poly1305::new(&derive_key(session_secret, SETUP_SESSION_PURPOSE).into());
        let plaintext = cipher
            .decrypt(
                &XNonce::try_from(nonce).ok()?,
                Payload {
                    msg: ciphertext,
                    aad: SETUP_SESSION_VERSION.as_bytes(),
                },
            )
            .ok()?;
        let session: SetupSession = serde_json::from_slice(&plaintext).ok()?;
        (now <= session.expires_at).then_some(session)
    }
}

/// The claims of a JWT **Cognito has just issued to us** (or has just accepted in a call),
/// without checking its signature: only for reading what Cognito put there, never for a
/// token a client sent that nobody verified.
pub fn issued_token_claims(jwt: &str) -> Option<Map<String, Value>> {
    let payload = jwt.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// The authenticator-app entry: `otpauth://totp/<issuer>:<account>?secret=..&issuer=..`
/// (the Key Uri Format of Google Authenticator, which the other apps follow).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    let issuer_enc = percent_encode(issuer, b"");
    format!(
        // `@` is allowed in a URI path (RFC 3986 pchar) and the format's own example keeps
        // it: apps show the label as written.
        "otpauth://totp/{issuer_enc}:{}?secret={}&issuer={issuer_enc}",
        percent_encode(account, b"@"),
        percent_encode(secret, b"")
    )
}

/// RFC 3986 percent-encoding of everything but the unreserved characters and `keep`.
fn percent_encode(text: &str, keep: &[u8]) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Cognito's `SECRET_HASH`: `base64(HMAC-SHA256(client secret, username ‖ client id))`.
pub fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    let mut mac = mac(client_secret.as_bytes());
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;

    // Known answers from an independent implementation (Python: the standard library's HMAC,
    // `cryptography`'s HKDF and ChaCha20-Poly1305, HChaCha20 written out and checked against
    // the XChaCha draft's test vector): a crate upgrade that changed a byte of the wire format
    // would lock every user out of the sessions in flight.
    const KNOWN_SETUP_TOKEN: &str = "s1.ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7ynV45KtDXLJn3AUHTmj1hvjzSKf88fJ9PZsxjio3w-nH7oUH-w4xBjLlcbQeau0keP1iJk1eWM9_UJblEuxL3qTq5ZLfmRESjyomVZJOPD7MoMaFEpQ6CRoyILq5Vqkr5S9omyHmTCNIokdv7mtT";
    const KNOWN_MFA_TOKEN: &str = "eyJ1IjoiY2ZvQGV4YW1wbGUuY29tIiwicyI6ImNvZ25pdG8tc2Vzc2lvbiIsImUiOjE4MDAwMDAxODB9.m9M5Qk8fSTC9PR0_UR4HvG8o2r89umnqo2GerYLoK38";
    const KNOWN_REFRESH_HANDLE: &str = "eyJ1IjoicG9vbC11c2VyLTEiLCJyIjoicmVmcmVzaC10b2tlbiIsImUiOjE4MDI1OTIwMDB9.L2DCe_bmdKj_9ELxtdHZms8aYlLZfHxemgP-dXwYOMA";

    #[test]
    fn the_sealed_formats_match_an_independent_implementation() {
        let setup = SetupSession {
            username: "pool-user-1".to_owned(),
            email: "cfo@example.com".to_owned(),
            access_token: "access-token".to_owned(),
            refresh_token: "refresh-token".to_owned(),
            expires_at: NOW + SETUP_SESSION_SECONDS,
        };
        let nonce: [u8; 24] = std::array::from_fn(|i| 100 + i as u8);
        assert_eq!(setup.seal(KEY, nonce), KNOWN_SETUP_TOKEN);
        assert_eq!(SetupSession::open(KNOWN_SETUP_TOKEN, KEY, NOW), Some(setup));

        let mfa = MfaSession::new("cfo@example.com", "cognito-session", NOW);
        assert_eq!(mfa.seal(KEY), KNOWN_MFA_TOKEN);
        assert_eq!(MfaSession::open(KNOWN_MFA_TOKEN, KEY, NOW), Some(mfa));

        let handle = RefreshHandle::new("pool-user-1", "refresh-token", NOW);
        assert_eq!(handle.seal(KEY), KNOWN_REFRESH_HANDLE);
        assert_eq!(
            RefreshHandle::open(KNOWN_REFRESH_HANDLE, KEY, NOW),
            Some(handle)
        );
    }

    #[test]
    fn a_sealed_session_opens_with_its_key() {
        let session = MfaSession::new("cfo@example.com", "cognito-session", NOW);
        let token = session.seal(KEY);
        assert_eq!(MfaSession::open(&token, KEY, NOW + 10), Some(session));
    }

    #[test]
    fn a_session_naming_another_user_is_refused() {
        let token = MfaSession::new("me@example.com", "s", NOW).seal(KEY);
        let (_, tag) = token.split_once('.').unwrap_or_default();
        let forged_payload = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&MfaSession::new("cfo@victim.example", "s", NOW))
                .unwrap_or_default(),
        );
        assert_eq!(
            MfaSession::open(&format!("{forged_payload}.{tag}"), KEY, NOW),
            None
        );
    }

    #[test]
    fn the_old_unsigned_wrapper_is_refused() {
        let unsigned = URL_SAFE_NO_PAD.encode(br#"{"u":"cfo@victim.example","s":"x"}"#);
        assert_eq!(MfaSession::open(&unsigned, KEY, NOW), None);
    }

    #[test]
    fn a_session_sealed_with_another_key_is_refused() {
        let token = MfaSession::new("me@example.com", "s", NOW).seal(b"another key");
        assert_eq!(MfaSession::open(&token, KEY, NOW), None);
    }

    #[test]
    fn an_expired_session_is_refused() {
        let token = MfaSession::new("me@example.com", "s", NOW).seal(KEY);
        assert!(MfaSession::open(&token, KEY, NOW + MFA_SESSION_SECONDS).is_some());
        assert_eq!(
            MfaSession::open(&token, KEY, NOW + MFA_SESSION_SECONDS + 1),
            None
        );
    }

    #[test]
    fn the_secret_hash_matches_cognitos_definition() {
        // Computed independently with Python's hmac and base64 modules.
        assert_eq!(
            secret_hash("client-secret-1", "user@example.com", "client-id-1"),
            "/6628yzrxubai/UEtbKZAOOi1x1V0EToXg/Mq1rfsFo="
        );
    }
    fn setup(now: i64) -> SetupSession {
        SetupSession {
            username: "5f2c-uuid".into(),
            email: "cfo@example.com".into(),
            access_token: "access".into(),
            refresh_token: "refresh".into(),
            expires_at: now + SETUP_SESSION_SECONDS,
        }
    }

    #[test]
    fn a_refresh_handle_opens_with_its_secret_until_it_expires() {
        let handle = RefreshHandle::new("5f2c-uuid", "cognito-refresh", NOW);
        let token = handle.seal(KEY);
        assert_eq!(RefreshHandle::open(&token, KEY, NOW + 1), Some(handle));
        assert!(RefreshHandle::open(&token, KEY, NOW + REFRESH_HANDLE_SECONDS).is_some());
        assert_eq!(
            RefreshHandle::open(&token, KEY, NOW + REFRESH_HANDLE_SECONDS + 1),
            None
        );
    }

    #[test]
    fn a_refresh_handle_naming_another_user_is_refused() {
        let token = RefreshHandle::new("me", "r", NOW).seal(KEY);
        let (_, tag) = token.split_once('.').unwrap_or_default();
        let forged = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&RefreshHandle::new("victim", "r", NOW)).unwrap_or_default(),
        );
        assert_eq!(
            RefreshHandle::open(&format!("{forged}.{tag}"), KEY, NOW),
            None
        );
        assert_eq!(RefreshHandle::open(&token, b"another secret", NOW), None);
    }

    #[test]
    fn a_token_made_for_one_purpose_does_not_open_as_another() {
        // Same JSON field names on purpose: only the keys keep them apart.
        let mfa = MfaSession::new("me", "s", NOW).seal(KEY);
        assert_eq!(RefreshHandle::open(&mfa, KEY, NOW), None);
        let refresh = RefreshHandle::new("me", "r", NOW).seal(KEY);
        assert_eq!(MfaSession::open(&refresh, KEY, NOW), None);
        assert_eq!(SetupSession::open(&refresh, KEY, NOW), None);
    }

    #[test]
    fn a_setup_session_is_encrypted_and_opens_with_its_secret() {
        let session = setup(NOW);
        let token = session.seal(KEY, [7; 24]);
        assert!(!token.contains("access") && !token.contains("cfo"));
        let body = URL_SAFE_NO_PAD
            .decode(token.trim_start_matches("s1."))
            .unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&body).contains("refresh"),
            "the tokens are not readable from the session"
        );
        assert_eq!(SetupSession::open(&token, KEY, NOW + 5), Some(session));
    }

    #[test]
    fn a_tampered_setup_session_is_refused() {
        let token = setup(NOW).seal(KEY, [1; 24]);
        let mut bytes = URL_SAFE_NO_PAD
            .decode(token.trim_start_matches("s1."))
            .unwrap_or_default();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("s1.{}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(SetupSession::open(&tampered, KEY, NOW), None);
        assert_eq!(SetupSession::open("s1.", KEY, NOW), None);
        assert_eq!(SetupSession::open("garbage", KEY, NOW), None);
    }

    #[test]
    fn a_setup_session_under_another_key_or_expired_is_refused() {
        let token = setup(NOW).seal(KEY, [2; 24]);
        assert_eq!(SetupSession::open(&token, b"another secret", NOW), None);
        assert!(SetupSession::open(&token, KEY, NOW + SETUP_SESSION_SECONDS).is_some());
        assert_eq!(
            SetupSession::open(&token, KEY, NOW + SETUP_SESSION_SECONDS + 1),
            None
        );
    }

    #[test]
    fn two_sealings_with_fresh_nonces_differ() {
        let session = setup(NOW);
        assert_ne!(session.seal(KEY, [1; 24]), session.seal(KEY, [2; 24]));
    }

    #[test]
    fn issued_claims_are_read_from_the_payload() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"username":"u-1","mfa_enrolled":"false"}"#);
        let claims = issued_token_claims(&format!("h.{payload}.sig")).unwrap_or_default();
        assert_eq!(claims["username"], "u-1");
        assert_eq!(issued_token_claims("not a jwt"), None);
    }

    #[test]
    fn the_otpauth_uri_names_the_product_and_the_user() {
        assert_eq!(
            otpauth_uri("My Pages", "cfo+x@example.com", "ABC234"),
            "otpauth://totp/My%20Pages:cfo%2Bx@example.com?secret=ABC234&issuer=My%20Pages"
        );
    }
}
