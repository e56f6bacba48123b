//! `GET /app` and `GET /app/{proxy+}`: the web app (functions/web/ui, built into `ui/dist` and
//! embedded here), no auth. Which file answers which path, caching and security headers are
//! `mypages::http::web`'s rules.

use lambda_http::http::{HeaderValue, StatusCode, header};
use lambda_http::{Body, Error, Request, RequestExt, Response};
use mypages::config::WebSettings;
use mypages::http::web::{
    Caching, INDEX_FILE, Wanted, content_type, runtime_config, security_headers, wanted,
};
use mypages::http::{ApiError, json_response, respond};
use rust_embed::RustEmbed;

/// The app's build output; build.rs stops the build when it is missing.
#[derive(RustEmbed)]
#[folder = "ui/dist/"]
pub struct Dist;

pub async fn handler(settings: &WebSettings, event: Request) -> Result<Response<Body>, Error> {
    let proxy = event
        .path_parameters_ref()
        .and_then(|params| params.first("proxy"))
        .map(str::to_owned);
    let wanted = wanted(proxy.as_deref());
    let mut response = respond(event, |_req, _ctx| async { answer(settings, &wanted) }).await?;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        // An error (the unknown file's 404) is not kept either.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(Caching::NoStore.header()),
        );
    }
    for (name, value) in security_headers(settings) {
        headers.insert(name, HeaderValue::from_str(&value)?);
    }
    Ok(response)
}

fn answer(settings: &WebSettings, wanted: &Wanted) -> Result<Response<Body>, ApiError> {
    let caching = HeaderValue::from_static(Caching::of(wanted).header());
    let path = match wanted {
        Wanted::Config => {
            let mut response = json_response(StatusCode::OK, &runtime_config(settings));
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, caching);
            return Ok(response);
        }
        Wanted::Index => INDEX_FILE,
        Wanted::File(path) => path.as_str(),
    };
    let file = Dist::get(path).ok_or(ApiError::NotFound)?;
    let kind = content_type(path);
    let bytes = file.data.into_owned();
    // Text travels as text; anything else base64-encoded (lambda_http does it for Binary),
    // which API Gateway decodes for the types in BINARY_MEDIA_TYPES.
    let body = if kind.text {
        match String::from_utf8(bytes) {
            Ok(text) => Body::Text(text),
            Err(not_utf8) => Body::Binary(not_utf8.into_bytes()),
        }
    } else {
        Body::Binary(bytes)
    };
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, kind.value)
        .header(header::CACHE_CONTROL, caching)
        .body(body)
        .map_err(|e| ApiError::Dependency(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mypages::http::web::BINARY_MEDIA_TYPES;

    #[test]
    fn every_embedded_file_travels_as_text_or_as_a_binary_type_the_gateway_passes() {
        let mut files = 0;
        for path in Dist::iter() {
            files += 1;
            let kind = content_type(&path);
            assert!(
                kind.text || BINARY_MEDIA_TYPES.contains(&kind.value.as_str()),
                "{path} is {}: API Gateway would hand it to browsers base64-encoded; add its \
                 type to BINARY_MEDIA_TYPES and template.yaml's Api.BinaryMediaTypes",
                kind.value
            );
        }
        assert!(files > 0, "nothing embedded");
        assert!(Dist::get(INDEX_FILE).is_some(), "no index.html embedded");
    }
}
