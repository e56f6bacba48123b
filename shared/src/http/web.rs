//! How the web app is served (the `web` function, `GET /app` and `GET /app/{proxy+}`): which
//! file answers a path, its content type and cache policy, and the security headers every
//! answer carries. The files themselves are embedded in the function's binary.

use serde_json::{Value, json};

use crate::config::WebSettings;

/// The app's entry document.
pub const INDEX_FILE: &str = "index.html";
/// The app's runtime settings, made from [`WebSettings`] (not a file of the build).
pub const CONFIG_FILE: &str = "config.json";
/// Where the bundler puts the files whose names carry their content hash.
pub const HASHED_ASSETS_DIR: &str = "assets/";

/// The media types API Gateway must pass as binary (the function sends them base64-encoded).
/// template.yaml's `Api.BinaryMediaTypes` lists exactly these (a test compares them). API
/// Gateway decodes a base64 answer only when the request's first `Accept` type matches one of
/// them; browsers ask for images with `image/avif` or `image/webp` first, hence both. Not
/// `*/*`: that would also hand every JSON request body to the functions base64-encoded.
pub const BINARY_MEDIA_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/x-icon",
    "font/woff",
    "font/woff2",
];

/// What a path under `/app` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// The entry document: `/app`, `/app/`, `/app/index.html`, and every deep link (a path
    /// whose last segment has no file extension, e.g. `/app/contracts/123`), whose page the
    /// app's router draws.
    Index,
    /// `/app/config.json`.
    Config,
    /// A file of the built app by its path inside `dist/`, e.g. `assets/index-3f2a1b.js`.
    File(String),
}

/// `proxy` is the greedy path parameter after `/app/` (none for `/app` itself).
pub fn wanted(proxy: Option<&str>) -> Wanted {
    let path = proxy.unwrap_or_default().trim_matches('/');
    if path.is_empty() || path == INDEX_FILE {
        return Wanted::Index;
    }
    if path == CONFIG_FILE {
        return Wanted::Config;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if has_extension(name) {
        Wanted::File(path.to_owned())
    } else {
        Wanted::Index
    }
}

/// `app.js` has one; `contracts`, `.well-known` and `name.` have none.
fn has_extension(name: &str) -> bool {
    name.rfind('.')
        .is_some_and(|dot| dot > 0 && dot + 1 < name.len())
}

/// How long a browser (or a cache between) may keep an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// A hashed asset: its name changes when its content does.
    Immutable,
    /// Another file of the build (a favicon): kept, but asked again each time.
    Revalidate,
    /// The entry document and the settings (they name the current assets and values), and
    /// every error.
    NoStore,
}

impl Caching {
    pub fn of(wanted: &Wanted) -> Caching {
        match wanted {
            Wanted::Index | Wanted::Config => Caching::NoStore,
            Wanted::File(path) if path.starts_with(HASHED_ASSETS_DIR) => Caching::Immutable,
            Wanted::File(_) => Caching::Revalidate,
        }
    }

    pub fn header(self) -> &'static str {
        match self {
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
            Caching::NoStore => "no-store",
        }
    }
}

/// A file's `Content-Type`, and whether its bytes travel as text (UTF-8) or base64-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType {
    pub value: String,
    pub text: bool,
}

/// Text types get `charset=utf-8` (the bundler writes UTF-8); JavaScript is `text/javascript`
/// (RFC 9239).
pub fn content_type(path: &str) -> ContentType {
    let guessed = mime_guess::from_path(path).first_or_octet_stream();
    let essence = match guessed.essence_str() {
        "application/javascript" | "application/x-javascript" => "text/javascript",
        other => other,
    };
    let text = essence.starts_with("text/")
        || matches!(
            essence,
            "application/json" | "application/manifest+json" | "image/svg+xml" | "application/xml"
        );
    ContentType {
        value: if text {
            format!("{essence}; charset=utf-8")
        } else {
            essence.to_owned()
        },
        text,
    }
}

/// The policy DESIGN §10 fixes: scripts and styles from the app's origin only (no inline code,
/// no eval), images also as `data:` (the TOTP QR code), requests to the API and to the
/// documents bucket (the browser POSTs a file there with a presigned form).
pub fn content_security_policy(upload_origin: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self' {upload_origin}; frame-ancestors 'none'; base-uri 'none'; \
         form-action 'self'; object-src 'none'"
    )
}

/// The headers of every answer of the web function, whatever its status.
pub fn security_headers(settings: &WebSettings) -> [(&'static str, String); 6] {
    [
        (
            "content-security-policy",
            content_security_policy(&settings.upload_origin),
        ),
        (
            "strict-transport-security",
            "max-age=63072000; includeSubDomains".to_owned(),
        ),
        ("x-content-type-options", "nosniff".to_owned()),
        ("referrer-policy", "no-referrer".to_owned()),
        ("x-frame-options", "DENY".to_owned()),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()".to_owned(),
        ),
    ]
}

/// `/app/config.json`: what the app reads at start.
pub fn runtime_config(settings: &WebSettings) -> Value {
    json!({"idleSignOutMinutes": settings.idle_sign_out_minutes})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_document_answers_the_root_and_every_deep_link() {
        for proxy in [
            None,
            Some(""),
            Some("/"),
            Some("index.html"),
            Some("contracts"),
            Some("contracts/0190b2c4-7d1e-7f00-8000-000000000001/schedule"),
            Some("company/sso/"),
            Some(".well-known"),
        ] {
            assert_eq!(wanted(proxy), Wanted::Index, "{proxy:?}");
        }
        assert_eq!(wanted(Some("config.json")), Wanted::Config);
    }

    #[test]
    fn a_path_with_a_file_extension_is_a_file() {
        assert_eq!(
            wanted(Some("assets/index-3f2a1b9c.js")),
            Wanted::File("assets/index-3f2a1b9c.js".into())
        );
        assert_eq!(
            wanted(Some("favicon.svg")),
            Wanted::File("favicon.svg".into())
        );
        assert_eq!(
            wanted(Some("contracts/missing.png")),
            Wanted::File("contracts/missing.png".into())
        );
    }

    #[test]
    fn hashed_assets_are_immutable_and_the_entry_and_settings_never_stored() {
        assert_eq!(
            Caching::of(&wanted(Some("assets/index-3f2a1b9c.js"))).header(),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(Caching::of(&Wanted::Index).header(), "no-store");
        assert_eq!(Caching::of(&Wanted::Config).header(), "no-store");
        assert_eq!(
            Caching::of(&wanted(Some("favicon.svg"))),
            Caching::Revalidate
        );
    }

    #[test]
    fn text_types_carry_utf8_and_images_travel_as_binary() {
        assert_eq!(
            content_type("assets/a.js").value,
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("index.html").value, "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/a.css").value,
            "text/css; charset=utf-8"
        );
        assert!(content_type("favicon.svg").text);
        let png = content_type("icon.png");
        assert_eq!((png.value.as_str(), png.text), ("image/png", false));
        assert!(BINARY_MEDIA_TYPES.contains(&content_type("font.woff2").value.as_str()));
        assert!(BINARY_MEDIA_TYPES.contains(&content_type("favicon.ico").value.as_str()));
    }

    #[test]
    fn the_policy_allows_the_upload_origin_and_no_inline_code() {
        let settings = WebSettings {
            upload_origin: "https://docs.s3.eu-north-1.amazonaws.com".into(),
            idle_sign_out_minutes: 30,
        };
        let headers = security_headers(&settings);
        let csp = &headers[0].1;
        assert!(csp.contains("connect-src 'self' https://docs.s3.eu-north-1.amazonaws.com;"));
        assert!(!csp.contains("unsafe-"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(runtime_config(&settings), json!({"idleSignOutMinutes": 30}));
    }
}
