//! Tokens our login routes hand out and take back, authenticated with keys only the auth
//! functions hold: the MFA session wrapper, and Cognito's `SECRET_HASH` for a confidential
//! app client.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
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
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default());
        let mut mac = mac(key);
        mac.update(payload.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{payload}.{tag}")
    }

    /// The session, if `token` was sealed with `key` (checked in constant time) and has not
    /// expired at `now`; anything else is `None` and must be answered like a wrong code.
    pub fn open(token: &str, key: &[u8], now: i64) -> Option<MfaSession> {
        let (payload, tag) = token.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut mac = mac(key);
        mac.update(payload.as_bytes());
        mac.verify_slice(&tag).ok()?;
        let session: MfaSession =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        (now <= session.expires_at).then_some(session)
    }
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
}
