//! The partner app origin (`http://127.0.0.1:<A>`): static files from the
//! mounted directories, `/config.js` and `/config.json`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

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
async fn serve(State(app): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let mut response = serve_path(&app, request).await;
    normalise_content_type(&mut response);
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|ct| ct.as_bytes().starts_with(b"text/html"));
    if path.starts_with("/csp/") && is_html {
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

/// `ServeDir` takes its types from `mime_guess`, which sends no charset and
/// names `.mjs` `application/javascript`: text types get
/// `; charset=utf-8` (so that a page without `<meta charset>` is not read as
/// windows-1252), and JavaScript is always `text/javascript` (RFC 9239).
fn normalise_content_type(response: &mut Response) {
    let Some(ct) = response.headers().get(header::CONTENT_TYPE) else {
        return;
    };
    let Ok(ct) = ct.to_str() else {
        return;
    };
    let ct = if ct == "application/javascript" {
        "text/javascript"
    } else {
        ct
    };
    if ct.starts_with("text/") && !ct.contains(';') {
        if let Ok(value) = HeaderValue::from_str(&format!("{ct}; charset=utf-8")) {
            response.headers_mut().insert(header::CONTENT_TYPE, value);
        }
    }
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

/// A missing favicon gets an empty answer, so that browsers log no error.
fn missing(path: &str) -> Response {
    if path == "/favicon.ico" {
        StatusCode::NO_CONTENT.into_response()
    } else {
        html::not_found(path)
    }
}

/// Hands the request, with the mount prefix taken off its path, to a
/// `tower_http::services::ServeDir` for the mount's directory (which decodes
/// the path, refuses `..`, picks the content type, answers `HEAD`, ranges
/// and conditional requests). Its empty 404 becomes the usual not-found page.
async fn serve_path(app: &AppState, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let Some(mount) = find_mount(&app.mounts, &path) else {
        return missing(&path);
    };
    let (mut parts, body) = request.into_parts();
    let mut serve_dir = ServeDir::new(&mount.dir);
    if mount.prefix != "/" {
        let rest = &path[mount.prefix.len()..];
        if rest.is_empty() {
            // The mount's own directory without the slash: redirect like
            // ServeDir does for the directories below it.
            let location = match parts.uri.query() {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            return match HeaderValue::from_str(&location) {
                Ok(location) => (
                    StatusCode::TEMPORARY_REDIRECT,
                    [(header::LOCATION, location)],
                )
                    .into_response(),
                Err(_) => missing(&path),
            };
        }
        let target = match parts.uri.query() {
            Some(q) => format!("{rest}?{q}"),
            None => rest.to_string(),
        };
        let Ok(uri) = target.parse::<Uri>() else {
            return missing(&path);
        };
        parts.uri = uri;
        // Redirects (`/pkg/sub` → `/pkg/sub/`) must name the full path.
        serve_dir = serve_dir.redirect_path_prefix(mount.prefix.clone());
    }
    match serve_dir.try_call(Request::from_parts(parts, body)).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => missing(&path),
        Ok(response) => response.map(Body::new),
        Err(_) => missing(&path),
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
}
