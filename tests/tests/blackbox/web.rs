//! The web app as a browser gets it from the local stack: types, caching per kind of file,
//! deep links, 404 for unknown files, the security headers on every answer, and the
//! cross-origin upload of a document file to the emulator's S3.

use blackbox::{Stack, text};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::documents::{PDF, create_document, pdf_request};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Status, headers and body text of a GET without a token.
async fn fetch(stack: &Stack, path: &str) -> (StatusCode, HeaderMap, String) {
    let response = stack
        .request(Method::GET, path, None)
        .header("accept", "text/html,*/*;q=0.8")
        .send()
        .await
        .expect("the local stack answers");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.text().await.expect("body");
    (status, headers, body)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The origin the local stack serves the app from (`http://127.0.0.1:<port>`).
fn app_origin(stack: &Stack) -> String {
    stack
        .base_url
        .strip_suffix("/v1")
        .expect("the base URL ends with the stage")
        .to_owned()
}

fn assert_security_headers(stack: &Stack, path: &str, headers: &HeaderMap) {
    let csp = header(headers, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(csp.contains(directive), "{path}: {directive} in {csp}");
    }
    assert!(
        csp.contains(&format!(
            "connect-src 'self' {};",
            text(&stack.state, "uploadOrigin")
        )),
        "{path}: the upload origin in {csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{path}: {csp}"
    );
    for (name, value) in [
        (
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        ),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(header(headers, name), value, "{path}: {name}");
    }
    assert!(
        header(headers, "permissions-policy").contains("camera=()"),
        "{path}"
    );
}

/// The `src` and `href` values of the entry document.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["src=\"", "href=\""] {
        for (start, _) in html.match_indices(attribute) {
            let rest = &html[start + attribute.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found
}

#[tokio::test]
async fn every_kind_of_answer_has_its_type_its_caching_and_the_security_headers() {
    let stack = Stack::connect().await;
    let entry = fetch(&stack, "/app/").await;
    let html = "text/html; charset=utf-8";
    for (path, status, content_type, caching) in [
        ("/app", StatusCode::OK, html, "no-store"),
        ("/app/", StatusCode::OK, html, "no-store"),
        ("/app/index.html", StatusCode::OK, html, "no-store"),
        // Deep links: the app's router draws the page.
        ("/app/contracts", StatusCode::OK, html, "no-store"),
        (
            "/app/contracts/0196f3a2-8c4d-7e1f-9b2a-5c6d7e8f9a0b/schedule",
            StatusCode::OK,
            html,
            "no-store",
        ),
        (
            "/app/config.json",
            StatusCode::OK,
            "application/json",
            "no-store",
        ),
        (
            "/app/assets/index-00000000.js",
            StatusCode::NOT_FOUND,
            "application/problem+json",
            "no-store",
        ),
        (
            "/app/nowhere/logo.png",
            StatusCode::NOT_FOUND,
            "application/problem+json",
            "no-store",
        ),
    ] {
        let (got, headers, body) = fetch(&stack, path).await;
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(header(&headers, "content-type"), content_type, "{path}");
        assert_eq!(header(&headers, "cache-control"), caching, "{path}");
        assert_security_headers(&stack, path, &headers);
        if content_type == html {
            assert_eq!(body, entry.2, "{path} is the entry document");
        }
    }
    let (_, _, config) = fetch(&stack, "/app/config.json").await;
    let config: serde_json::Value = serde_json::from_str(&config).expect("JSON");
    assert_eq!(
        config,
        serde_json::json!({"idleSignOutMinutes": stack.state["idleSignOutMinutes"]})
    );
}

#[tokio::test]
async fn the_entry_document_loads_only_hashed_assets_that_are_served_immutable() {
    let stack = Stack::connect().await;
    let (_, _, html) = fetch(&stack, "/app/").await;
    let lower = html.to_ascii_lowercase();
    assert!(lower.starts_with("<!doctype html>"), "{html}");
    // The policy allows no inline code: every script is a file, no style element.
    for (start, _) in lower.match_indices("<script") {
        let tag = &lower[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(tag.contains(" src="), "an inline script in {html}");
    }
    assert!(!lower.contains("<style"), "an inline style in {html}");
    let references = references(&html);
    let scripts: Vec<&String> = references
        .iter()
        .filter(|r| r.ends_with(".js") || r.ends_with(".css"))
        .collect();
    assert!(!scripts.is_empty(), "no script or style in {html}");
    for reference in &references {
        let path = reference
            .strip_prefix("/v1")
            .unwrap_or_else(|| panic!("{reference} is not under the API's /v1/app"));
        let (status, headers, _) = fetch(&stack, path).await;
        assert_eq!(status, StatusCode::OK, "{reference}");
        assert_security_headers(&stack, path, &headers);
        let content_type = header(&headers, "content-type");
        if reference.ends_with(".js") {
            assert_eq!(
                content_type, "text/javascript; charset=utf-8",
                "{reference}"
            );
        }
        if reference.ends_with(".css") {
            assert_eq!(content_type, "text/css; charset=utf-8", "{reference}");
        }
    }
    for script in scripts {
        // Vite names them <name>-<hash>.<ext> under assets/.
        let name = script
            .strip_prefix("/v1/app/assets/")
            .unwrap_or_else(|| panic!("{script} is not a hashed asset"));
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        // Vite: <name>-<8 characters of base64url hash>.
        let hashed = stem.len() > 9
            && stem.as_bytes()[stem.len() - 9] == b'-'
            && stem[stem.len() - 8..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        assert!(hashed, "{script} has no content hash in its name");
        let (_, headers, _) = fetch(&stack, &script["/v1".len()..]).await;
        assert_eq!(header(&headers, "cache-control"), IMMUTABLE, "{script}");
    }
}

#[tokio::test]
async fn the_documents_bucket_takes_the_apps_cross_origin_upload() {
    let stack = Stack::connect().await;
    let tenant = stack.new_tenant().await;
    let created = create_document(&stack, &tenant.editor, &pdf_request("lease.pdf", None)).await;
    let url = text(&created["upload"], "url");
    let origin = app_origin(&stack);
    assert!(
        url.starts_with(&text(&stack.state, "uploadOrigin")),
        "{url} is not on the origin the CSP allows"
    );

    // The browser's preflight (fetch sends one when the request is not a simple one).
    let preflight = stack
        .http
        .request(Method::OPTIONS, &url)
        .header("origin", &origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .expect("the emulator's S3 answers");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let allowed = preflight.headers().clone();
    assert_eq!(header(&allowed, "access-control-allow-origin"), origin);
    assert!(
        header(&allowed, "access-control-allow-methods").contains("POST"),
        "{allowed:?}"
    );

    // The form's fields, then the file, with the app's Origin: S3 stores it and lets the app
    // read the answer.
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in created["upload"]["fields"]
        .as_object()
        .cloned()
        .unwrap_or_default()
    {
        form = form.text(name, value.as_str().unwrap_or_default().to_owned());
    }
    let file = reqwest::multipart::Part::bytes(PDF.to_vec())
        .file_name("lease.pdf")
        .mime_str("application/pdf")
        .expect("mime");
    let response = stack
        .http
        .post(&url)
        .header("origin", &origin)
        .multipart(form.part("file", file))
        .send()
        .await
        .expect("the emulator's S3 answers");
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        header(response.headers(), "access-control-allow-origin"),
        origin
    );

    // Another site's page may not.
    let foreign = stack
        .http
        .request(Method::OPTIONS, &url)
        .header("origin", "https://elsewhere.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("the emulator's S3 answers");
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
}
