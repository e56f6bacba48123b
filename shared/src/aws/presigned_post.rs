//! S3 presigned POST (browser-based upload, Signature Version 4), which the SDK does not
//! offer: a POST policy that admits exactly one object (the bucket, the key, the content type
//! and the byte count are fixed), signed with the function's current credentials. S3 honours
//! the form only while the signer may `s3:PutObject` that key.

use std::collections::BTreeMap;

use aws_sdk_s3::config::ProvideCredentials;
use aws_sdk_s3::presigning::PresigningConfig;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit as _, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use super::Documents;
use super::documents::FilesError;
use crate::domain::document::ContentType;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// What the client needs for the upload: POST a multipart form to `url` with `fields`, the
/// file last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadForm {
    pub url: String,
    pub fields: BTreeMap<String, String>,
    pub expires_at: DateTime<Utc>,
}

/// The one object a form may create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostPolicy<'a> {
    pub bucket: &'a str,
    pub key: &'a str,
    pub content_type: ContentType,
    /// The exact number of bytes (`content-length-range` from it to it).
    pub size: u64,
    pub expires_at: DateTime<Utc>,
}

/// The signer: key id, secret, session token (Lambda's credentials have one).
pub struct Signer<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub session_token: Option<&'a str>,
    pub region: &'a str,
}

/// `x-amz-date`'s format and the credential scope's date.
fn amz_date(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn scope_date(at: DateTime<Utc>) -> String {
    at.format("%Y%m%d").to_string()
}

fn hmac_sha256(key: &[u8], data: &str) -> Vec<u8> {
    // HMAC accepts keys of any length; the error cannot happen.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 takes keys of any length"),
    };
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The SigV4 signature of a base64 policy: the signing key is the HMAC chain over the date,
/// the region, `s3` and `aws4_request`; the string to sign is the base64 policy itself.
pub fn policy_signature(secret_access_key: &str, date: &str, region: &str, policy: &str) -> String {
    let mut key = hmac_sha256(format!("AWS4{secret_access_key}").as_bytes(), date);
    for part in [region, "s3", "aws4_request"] {
        key = hmac_sha256(&key, part);
    }
    hex::encode(hmac_sha256(&key, policy))
}

impl PostPolicy<'_> {
    /// The signed form fields (without the file) for `signer` at `now`.
    pub fn form_fields(&self, signer: &Signer<'_>, now: DateTime<Utc>) -> BTreeMap<String, String> {
        let credential = format!(
            "{}/{}/{}/s3/aws4_request",
            signer.access_key_id,
            scope_date(now),
            signer.region
        );
        let date = amz_date(now);
        let mut fields: BTreeMap<String, String> = [
            ("key", self.key.to_owned()),
            ("Content-Type", self.content_type.mime().to_owned()),
            ("x-amz-algorithm", ALGORITHM.to_owned()),
            ("x-amz-credential", credential.clone()),
            ("x-amz-date", date.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let mut conditions: Vec<Value> = vec![
            json!({"bucket": self.bucket}),
            json!({"key": self.key}),
            json!({"Content-Type": self.content_type.mime()}),
            json!(["content-length-range", self.size, self.size]),
            json!({"x-amz-algorithm": ALGORITHM}),
            json!({"x-amz-credential": credential}),
            json!({"x-amz-date": date}),
        ];
        if let Some(token) = signer.session_token {
            conditions.push(json!({"x-amz-security-token": token}));
            fields.insert("x-amz-security-token".to_owned(), token.to_owned());
        }
        let policy = json!({
            "expiration": self.expires_at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            "conditions": conditions,
        });
        let encoded = STANDARD.encode(policy.to_string());
        let signature = policy_signature(
            signer.secret_access_key,
            &scope_date(now),
            signer.region,
            &encoded,
        );
        fields.insert("policy".to_owned(), encoded);
        fields.insert("x-amz-signature".to_owned(), signature);
        fields
    }
}

impl Documents {
    /// A form that uploads exactly `size` bytes of `content_type` to `key` of the documents
    /// bucket until `expires_at`, signed with the credentials the S3 client has now (Lambda's
    /// rotate, so they are read per request).
    pub async fn upload_form(
        &self,
        key: &str,
        content_type: ContentType,
        size: u64,
        expires_at: DateTime<Utc>,
    ) -> Result<UploadForm, FilesError> {
        let now = Utc::now();
        let config = self.s3.config();
        let region = config
            .region()
            .map(|r| r.as_ref().to_owned())
            .ok_or_else(|| FilesError("the S3 client has no region".into()))?;
        let credentials = self
            .credentials
            .as_ref()
            .ok_or_else(|| FilesError("the S3 client has no credentials".into()))?
            .provide_credentials()
            .await
            .map_err(|e| FilesError(format!("credentials: {e}")))?;
        let policy = PostPolicy {
            bucket: &self.ids.documents_bucket,
            key,
            content_type,
            size,
            expires_at,
        };
        let signer = Signer {
            access_key_id: credentials.access_key_id(),
            secret_access_key: credentials.secret_access_key(),
            session_token: credentials.session_token(),
            region: &region,
        };
        Ok(UploadForm {
            url: self.bucket_url(key).await?,
            fields: policy.form_fields(&signer, now),
            expires_at,
        })
    }

    /// The bucket's URL as the SDK addresses it (virtual-hosted `https://<bucket>.s3.<region>
    /// .amazonaws.com` in AWS, path-style `<endpoint>/<bucket>` on the emulator): a presigned
    /// `PutObject` of the key, less the key and the query. The same authority as the form
    /// (a PUT of that key), so it reveals nothing and needs nothing more.
    async fn bucket_url(&self, key: &str) -> Result<String, FilesError> {
        let presigning = PresigningConfig::expires_in(std::time::Duration::from_secs(60))
            .map_err(|e| FilesError(e.to_string()))?;
        let request = self
            .s3
            .put_object()
            .bucket(&self.ids.documents_bucket)
            .key(key)
            .presigned(presigning)
            .await
            .map_err(FilesError::from_sdk)?;
        let uri = request.uri();
        let without_query = uri.split_once('?').map_or(uri, |(path, _)| path);
        without_query
            .strip_suffix(key)
            .map(|url| url.trim_end_matches('/').to_owned())
            .ok_or_else(|| FilesError(format!("unexpected presigned URL shape: {without_query}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)", Amazon
    /// S3 API Reference: the sample policy (CRLF line ends, as published) and its signature
    /// with the example credentials.
    #[test]
    fn the_signature_of_awss_published_example_is_reproduced() {
        let policy = [
            r#"{ "expiration": "2015-12-30T12:00:00.000Z","#,
            r#"  "conditions": ["#,
            r#"    {"bucket": "sigv4examplebucket"},"#,
            r#"    ["starts-with", "$key", "user/user1/"],"#,
            r#"    {"acl": "public-read"},"#,
            r#"    {"success_action_redirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},"#,
            r#"    ["starts-with", "$Content-Type", "image/"],"#,
            r#"    {"x-amz-meta-uuid": "14365123651274"},"#,
            r#"    {"x-amz-server-side-encryption": "AES256"},"#,
            r#"    ["starts-with", "$x-amz-meta-tag", ""],"#,
            "",
            r#"    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},"#,
            r#"    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},"#,
            r#"    {"x-amz-date": "20151229T000000Z" }"#,
            "  ]",
            "}",
        ]
        .join("\r\n");
        let encoded = STANDARD.encode(policy);
        assert!(
            encoded.starts_with("eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0K")
        );
        assert!(encoded.ends_with("ICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9"));
        assert_eq!(
            policy_signature(
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "20151229",
                "us-east-1",
                &encoded
            ),
            "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"
        );
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|d| d.with_timezone(&Utc))
            .expect("a date")
    }

    #[test]
    fn the_policy_admits_exactly_the_declared_object_and_is_signed_as_sent() {
        let policy = PostPolicy {
            bucket: "docs-bucket",
            key: "t/co/docs/d1/original",
            content_type: ContentType::Pdf,
            size: 1234,
            expires_at: at("2026-11-28T12:15:00Z"),
        };
        let signer = Signer {
            access_key_id: "AKIDEXAMPLE",
            secret_access_key: "secret",
            session_token: Some("token/with+chars="),
            region: "eu-north-1",
        };
        let fields = policy.form_fields(&signer, at("2026-11-28T12:00:00Z"));
        let decoded: Value =
            serde_json::from_slice(&STANDARD.decode(&fields["policy"]).expect("base64 policy"))
                .expect("JSON policy");
        assert_eq!(decoded["expiration"], "2026-11-28T12:15:00.000Z");
        let conditions = decoded["conditions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for expected in [
            json!({"bucket": "docs-bucket"}),
            json!({"key": "t/co/docs/d1/original"}),
            json!({"Content-Type": "application/pdf"}),
            json!(["content-length-range", 1234, 1234]),
            json!({"x-amz-algorithm": "AWS4-HMAC-SHA256"}),
            json!({"x-amz-credential": "AKIDEXAMPLE/20261128/eu-north-1/s3/aws4_request"}),
            json!({"x-amz-date": "20261128T120000Z"}),
            json!({"x-amz-security-token": "token/with+chars="}),
        ] {
            assert!(
                conditions.contains(&expected),
                "{expected} in {conditions:?}"
            );
        }
        assert_eq!(conditions.len(), 8, "no condition beyond these");
        // Every field the form sends is one the policy names (S3 refuses others), and the
        // signature is over the policy as sent.
        for (name, value) in &fields {
            if name == "policy" || name == "x-amz-signature" {
                continue;
            }
            assert!(
                conditions
                    .iter()
                    .any(|c| c.get(name.as_str()) == Some(&json!(value))),
                "{name}"
            );
        }
        assert_eq!(
            fields["x-amz-signature"],
            policy_signature("secret", "20261128", "eu-north-1", &fields["policy"])
        );
        let without_token = Signer {
            session_token: None,
            ..signer
        };
        let fields = policy.form_fields(&without_token, at("2026-11-28T12:00:00Z"));
        assert!(!fields.contains_key("x-amz-security-token"));
    }
}
