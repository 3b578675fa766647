//! The partner app origin (`http://127.0.0.1:<A>`): static files from the
//! mounted directories, `/config.js` and `/config.json`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::html;
use crate::Mount;

/// Configuration of the app origin.
#[derive(Debug)]
pub struct AppState {
    /// The mounted directories.
    pub mounts: Vec<Mount>,
    /// `http://localhost:<P>`.
    pub platform_origin: String,
    /// `http://127.0.0.1:<A>`.
    pub app_origin: String,
}

/// The app state as handlers see it.
type Shared = Arc<AppState>;

/// Builds the app router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/config.js", get(config_js))
        .route("/config.json", get(config_json))
        .route("/__standin/post", get(crate::poster::post_page))
        .fallback(serve)
        .with_state(Arc::new(state))
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// `GET /config.js`: `window.VIVO_PLATFORM = "http://localhost:<P>";`.
async fn config_js(State(app): State<Shared>) -> Response {
    let body = format!(
        "window.VIVO_PLATFORM = {};\n",
        json_string(&app.platform_origin)
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// `GET /config.json`: both origins.
async fn config_json(State(app): State<Shared>) -> Response {
    let body = format!(
        "{{\"platform\":{},\"app\":{}}}",
        json_string(&app.platform_origin),
        json_string(&app.app_origin)
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Serves a mounted file and adds the `/csp/` policy to HTML responses.
async fn serve(State(app): State<Shared>, method: Method, uri: Uri) -> Response {
    let mut response = if method == Method::GET || method == Method::HEAD {
        serve_path(&app, uri.path(), uri.query()).await
    } else {
        let mut r = StatusCode::METHOD_NOT_ALLOWED.into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
    if uri.path().starts_with("/csp/") && is_html {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-src {}; style-src 'self'",
            app.platform_origin
        );
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The mount whose prefix is the longest one matching `path`.
fn find_mount<'a>(mounts: &'a [Mount], path: &str) -> Option<&'a Mount> {
    mounts
        .iter()
        .filter(|m| {
            m.prefix == "/"
                || path == m.prefix
                || path
                    .strip_prefix(m.prefix.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|m| m.prefix.len())
}

/// Decodes `%XX` escapes; `None` for a malformed escape or non-UTF-8 result.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a request path cannot be mapped to a file.
#[derive(Debug, PartialEq, Eq)]
enum Reject {
    /// Malformed, or trying to leave the directory.
    BadPath,
}

/// The path components below the mount directory, after decoding; dot-dot
/// segments, backslashes and NUL bytes are refused.
fn safe_components(rest: &str) -> Result<Vec<String>, Reject> {
    let decoded = percent_decode(rest).ok_or(Reject::BadPath)?;
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(Reject::BadPath),
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => {
                return Err(Reject::BadPath)
            }
            s => parts.push(s.to_string()),
        }
    }
    Ok(parts)
}

/// The content type of a file, by extension.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// A 400 page for a refused path.
fn bad_path(path: &str) -> Response {
    html::error_page(
        StatusCode::BAD_REQUEST,
        "bad-request",
        "Bad request",
        &format!("Refused path {path}"),
    )
}

/// A missing favicon gets an empty answer, so that browsers log no error.
fn missing(path: &str) -> Response {
    if path == "/favicon.ico" {
        StatusCode::NO_CONTENT.into_response()
    } else {
        html::not_found(path)
    }
}

/// Maps a request path to a mounted file and serves it.
async fn serve_path(app: &AppState, path: &str, query: Option<&str>) -> Response {
    let Some(mount) = find_mount(&app.mounts, path) else {
        return missing(path);
    };
    let rest = if mount.prefix == "/" {
        path
    } else {
        &path[mount.prefix.len()..]
    };
    let Ok(parts) = safe_components(rest) else {
        return bad_path(path);
    };
    let mut file: PathBuf = mount.dir.clone();
    file.extend(&parts);

    let Ok(meta) = tokio::fs::metadata(&file).await else {
        return missing(path);
    };
    if meta.is_dir() {
        if !path.ends_with('/') {
            if path.starts_with("//") {
                return missing(path);
            }
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            return match HeaderValue::from_str(&location) {
                Ok(location) => (
                    StatusCode::MOVED_PERMANENTLY,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
                Err(_) => bad_path(path),
            };
        }
        file.push("index.html");
    }

    // Refuse anything that resolves (through symbolic links) outside the
    // mounted directory.
    let (Ok(root), Ok(real)) = (
        tokio::fs::canonicalize(&mount.dir).await,
        tokio::fs::canonicalize(&file).await,
    ) else {
        return missing(path);
    };
    if !real.starts_with(&root) {
        return html::not_found(path);
    }
    match tokio::fs::read(&real).await {
        Ok(bytes) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(&real)),
            )],
            bytes,
        )
            .into_response(),
        Err(_) => missing(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(prefix: &str) -> Mount {
        match Mount::new(prefix, "d") {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn longest_prefix_wins() {
        let mounts = vec![mount("/"), mount("/pkg"), mount("/pkg/sub/")];
        let prefix = |p: &str| find_mount(&mounts, p).map(|m| m.prefix.as_str());
        assert_eq!(prefix("/index.html"), Some("/"));
        assert_eq!(prefix("/pkg"), Some("/pkg"));
        assert_eq!(prefix("/pkg/a.js"), Some("/pkg"));
        assert_eq!(prefix("/pkgx/a.js"), Some("/"));
        assert_eq!(prefix("/pkg/sub/a.js"), Some("/pkg/sub"));
        assert_eq!(find_mount(&[mount("/e2e")], "/other"), None);
    }

    #[test]
    fn traversal_is_refused() {
        assert_eq!(safe_components("/a/./b/"), Ok(vec!["a".into(), "b".into()]));
        for bad in [
            "/../x",
            "/%2e%2e/x",
            "/a/%2E%2E%2fx",
            "/..%5cx",
            "/%zz",
            "/a%00b",
            "/c:x",
        ] {
            assert_eq!(safe_components(bad), Err(Reject::BadPath), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.MJS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
