//! Webhooks (handbook 11): the stand-in POSTs
//! `{"event": "…", "payload": "<serialized JSON>"}` to the partner's
//! registered endpoint, on 127.0.0.1 / localhost only.
//!
//! The HTTP client is hyper's own HTTP/1 connection API (`hyper` with
//! `client` + `http1`, and `hyper-util`'s Tokio adapter): axum already
//! depends on both, so it adds two tiny crates (`want`, `try-lock`) and no
//! TLS, unlike `reqwest` or `hyper-util`'s pooled client.

use std::collections::HashMap;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use serde_json::{json, Map, Value};
use tokio::net::TcpStream;

use crate::html::{self, escape};
use crate::platform::{form_pairs, lock, preflight, to_fields, with_cors, Platform, Shared};

/// The ten event names of handbook 11.2–11.11.
pub const WEBHOOK_EVENTS: [&str; 10] = [
    "conference_start",
    "conference_end",
    "start_recording",
    "stop_recording",
    "start_streaming",
    "stop_streaming",
    "recording_ready",
    "transcription_ready",
    "enter_livestream",
    "leave_livestream",
];

/// How long one delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);
/// Deliveries kept in the log.
const LOG_KEEP: usize = 200;
/// First id of ad-hoc conferences (rooms of no known conference).
const FIRST_ADHOC_ID: u64 = 5001;

/// The registered endpoint.
#[derive(Debug, Clone)]
struct Endpoint {
    /// The URL for logs (secret replaced by `***`).
    shown: String,
    /// `host[:port]` for the `Host` header.
    authority: String,
    /// Port to connect to on 127.0.0.1.
    port: u16,
    /// Path and query.
    target: String,
}

/// One delivery attempt.
#[derive(Debug, Clone, Serialize)]
struct Delivery {
    event: String,
    url: String,
    status: Option<u16>,
    error: Option<String>,
    /// The payload as sent (the serialized string).
    payload: String,
}

/// Webhook state.
#[derive(Debug, Default)]
pub(crate) struct Webhooks {
    endpoint: Option<Endpoint>,
    log: Vec<Delivery>,
    /// Rooms whose conference is running: access code → (conference, host).
    running: HashMap<String, (u64, u64)>,
    /// Access codes of no known conference → their ad-hoc conference id.
    adhoc: HashMap<String, u64>,
}

/// Parses and checks an endpoint URL: `http://127.0.0.1[:port]/…` or
/// `http://localhost[:port]/…`.
fn parse_endpoint(url: &str) -> Result<Endpoint, String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .ok_or("the URL must start with http:// (loopback only, no TLS)")?;
    let rest_original = &url["http://".len()..];
    if url.chars().any(|c| c.is_control() || c == ' ') || url.contains('#') {
        return Err("the URL must not contain spaces, control characters or a fragment".into());
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or("bad port")?,
        ),
        None => (authority, 80),
    };
    if host != "127.0.0.1" && host != "localhost" {
        return Err("the endpoint must be on 127.0.0.1 or localhost".into());
    }
    let target = match &rest_original[end..] {
        "" => "/".to_string(),
        t if t.starts_with('?') => format!("/{t}"),
        t => t.to_string(),
    };
    let origin = format!("http://{authority}");
    Ok(Endpoint {
        shown: format!("{origin}{}", redact(&target)),
        authority: authority.to_string(),
        port,
        target,
    })
}

/// Hides the secret: `secret=` query values become `***`; without such a
/// parameter, the last path segment does.
fn redact(target: &str) -> String {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let has_secret = query.is_some_and(|q| {
        q.split('&')
            .any(|pair| pair.split('=').next() == Some("secret"))
    });
    if has_secret {
        let query: Vec<String> = query
            .unwrap_or_default()
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some(("secret", _)) => "secret=***".to_string(),
                _ => pair.to_string(),
            })
            .collect();
        return format!("{path}?{}", query.join("&"));
    }
    let path = match path.rsplit_once('/') {
        Some((head, last)) if !last.is_empty() => format!("{head}/***"),
        _ => path.to_string(),
    };
    match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

/// POSTs one webhook; the answer's status, or why it failed.
async fn post_json(endpoint: &Endpoint, body: String) -> Result<u16, String> {
    let attempt = async {
        let stream = TcpStream::connect(("127.0.0.1", endpoint.port))
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        tokio::spawn(connection);
        let request = axum::http::Request::post(endpoint.target.as_str())
            .header(header::HOST, endpoint.authority.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, "VivoMeetings-standin-webhooks")
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| format!("request: {e}"))?;
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| format!("send: {e}"))?;
        let status = response.status().as_u16();
        // Read (and drop) the answer so the endpoint sees a clean exchange.
        let _ = response.into_body().collect().await;
        Ok(status)
    };
    match tokio::time::timeout(DELIVERY_TIMEOUT, attempt).await {
        Ok(result) => result,
        Err(_) => Err("timed out".to_string()),
    }
}

/// Sends an event with a payload string to the registered endpoint and
/// logs the result; `None` when no endpoint is registered.
async fn deliver(platform: &Platform, event: &str, payload: String) -> Option<Delivery> {
    let endpoint = lock(&platform.webhooks).endpoint.clone()?;
    let body = json!({ "event": event, "payload": payload }).to_string();
    let result = post_json(&endpoint, body).await;
    let delivery = Delivery {
        event: event.to_string(),
        url: endpoint.shown.clone(),
        status: result.as_ref().ok().copied(),
        error: result.err(),
        payload,
    };
    let mut hooks = lock(&platform.webhooks);
    hooks.log.push(delivery.clone());
    if hooks.log.len() > LOG_KEEP {
        hooks.log.remove(0);
    }
    Some(delivery)
}

/// The default payload of an event, then `overrides` on top.
fn payload_for(event: &str, overrides: Option<&Map<String, Value>>) -> String {
    let mut payload = Map::new();
    payload.insert("host_id".into(), json!(8));
    payload.insert("conference_id".into(), json!(801));
    match event {
        "recording_ready" => {
            payload.insert("recording_id".into(), json!(12345));
            payload.insert(
                "download_link".into(),
                json!("https://subdomain.domain.tld/recording/inline/dc68df6c8a5.mp4"),
            );
        }
        "enter_livestream" | "leave_livestream" => {
            payload.insert("participant_id".into(), json!(4242));
        }
        _ => {}
    }
    if let Some(overrides) = overrides {
        for (k, v) in overrides {
            payload.insert(k.clone(), v.clone());
        }
    }
    Value::Object(payload).to_string()
}

/// Called when a meeting room page loads: the first load of a room whose
/// conference is not running starts it (`conference_start`).
pub(crate) fn room_loaded(platform: &Shared, code: &str) {
    let (conference_id, host_id) = conference_of(platform, code);
    {
        let mut hooks = lock(&platform.webhooks);
        if hooks.endpoint.is_none() || hooks.running.contains_key(code) {
            return;
        }
        hooks
            .running
            .insert(code.to_string(), (conference_id, host_id));
    }
    spawn_event(platform, "conference_start", conference_id, host_id);
}

/// The conference of a room: a known one, or an ad-hoc conference of host 8.
fn conference_of(platform: &Shared, code: &str) -> (u64, u64) {
    if let Some(c) = lock(&platform.conferences).by_code(code) {
        return (c.conference_id, c.host_id);
    }
    let mut hooks = lock(&platform.webhooks);
    let next = FIRST_ADHOC_ID + hooks.adhoc.len() as u64;
    let id = *hooks.adhoc.entry(code.to_string()).or_insert(next);
    (id, 8)
}

/// Delivers an event in the background.
fn spawn_event(platform: &Shared, event: &'static str, conference_id: u64, host_id: u64) {
    let platform = platform.clone();
    let mut ids = Map::new();
    ids.insert("host_id".into(), json!(host_id));
    ids.insert("conference_id".into(), json!(conference_id));
    let payload = payload_for(event, Some(&ids));
    tokio::spawn(async move {
        deliver(&platform, event, payload).await;
    });
}

/// `POST /conf/call/<code>/end`: the room's hang-up; ends a running
/// conference (`conference_end`). Always 204.
async fn room_end(State(platform): State<Shared>, Path(code): Path<String>) -> Response {
    let running = lock(&platform.webhooks).running.remove(&code);
    if let Some((conference_id, host_id)) = running {
        spawn_event(&platform, "conference_end", conference_id, host_id);
    }
    StatusCode::NO_CONTENT.into_response()
}

/// The webhook routes.
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/conf/call/{code}/end", post(room_end))
        .route(
            "/__standin/webhooks/endpoint",
            post(register).options(preflight),
        )
        .route("/__standin/webhooks/send", post(send).options(preflight))
        .route("/__standin/webhooks/log", get(log).options(preflight))
        .route("/__standin/webhooks/reset", post(reset).options(preflight))
        .route("/__standin/webhooks", get(control_page).post(control_send))
}

/// A JSON answer with CORS `*`.
fn control_json(status: StatusCode, body: Value) -> Response {
    with_cors((status, Json(body)).into_response())
}

/// `POST /__standin/webhooks/endpoint`: `{"url": "http://127.0.0.1:9999/hooks/vivo?secret=…"}`
/// registers (replaces) the endpoint, `{"url": null}` removes it.
async fn register(State(platform): State<Shared>, body: Bytes) -> Response {
    let url = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("url").cloned());
    let url = match url {
        Some(Value::Null) => {
            lock(&platform.webhooks).endpoint = None;
            return control_json(StatusCode::OK, json!({ "url": null }));
        }
        Some(Value::String(url)) => url,
        _ => {
            return control_json(
                StatusCode::BAD_REQUEST,
                json!({"message": "expected {\"url\": \"http://127.0.0.1:<port>/…\"}"}),
            )
        }
    };
    match parse_endpoint(&url) {
        Ok(endpoint) => {
            let shown = endpoint.shown.clone();
            let mut hooks = lock(&platform.webhooks);
            hooks.endpoint = Some(endpoint);
            hooks.running.clear();
            control_json(StatusCode::OK, json!({ "url": shown }))
        }
        Err(message) => control_json(StatusCode::BAD_REQUEST, json!({ "message": message })),
    }
}

/// What a send request asks for.
fn send_request(body: &Value) -> Result<(String, String), String> {
    let event = body
        .get("event")
        .and_then(Value::as_str)
        .filter(|e| !e.is_empty())
        .ok_or("expected {\"event\": \"…\", \"payload\"?: {…}}")?;
    let payload = match (body.get("raw_payload"), body.get("payload")) {
        (Some(Value::String(raw)), _) => raw.clone(),
        (_, None | Some(Value::Null)) => payload_for(event, None),
        (_, Some(Value::Object(map))) => payload_for(event, Some(map)),
        _ => return Err("payload must be an object (or raw_payload a string)".into()),
    };
    Ok((event.to_string(), payload))
}

/// `POST /__standin/webhooks/send`: `{"event", "payload"?: {…}, "raw_payload"?: "…"}`
/// delivers now and answers the log entry (409 without an endpoint).
async fn send(State(platform): State<Shared>, body: Bytes) -> Response {
    let body = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    let (event, payload) = match send_request(&body) {
        Ok(x) => x,
        Err(message) => {
            return control_json(StatusCode::BAD_REQUEST, json!({ "message": message }))
        }
    };
    match deliver(&platform, &event, payload).await {
        Some(delivery) => control_json(StatusCode::OK, json!(delivery)),
        None => control_json(
            StatusCode::CONFLICT,
            json!({"message": "no webhook endpoint registered"}),
        ),
    }
}

/// `GET /__standin/webhooks/log`: every delivery, oldest first.
async fn log(State(platform): State<Shared>) -> Response {
    let log = lock(&platform.webhooks).log.clone();
    with_cors(Json(log).into_response())
}

/// `POST /__standin/webhooks/reset`: forgets the endpoint, the log and the
/// running rooms (204).
async fn reset(State(platform): State<Shared>) -> Response {
    *lock(&platform.webhooks) = Webhooks::default();
    with_cors(StatusCode::NO_CONTENT.into_response())
}

/// The control page, with the result of the last send if any.
fn page(platform: &Platform, result: Option<&str>) -> Response {
    let hooks = lock(&platform.webhooks);
    let endpoint = hooks
        .endpoint
        .as_ref()
        .map(|e| e.shown.clone())
        .unwrap_or_else(|| "(none registered)".to_string());
    let buttons: String = WEBHOOK_EVENTS
        .iter()
        .map(|e| {
            format!(
                "<button type=\"submit\" name=\"event\" value=\"{e}\" id=\"send-{e}\">{e}</button>\n"
            )
        })
        .collect();
    let rows: String = hooks
        .log
        .iter()
        .rev()
        .take(20)
        .map(|d| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&d.event),
                escape(&d.url),
                escape(
                    &d.status
                        .map(|s| s.to_string())
                        .or_else(|| d.error.clone())
                        .unwrap_or_default()
                )
            )
        })
        .collect();
    let inner = format!(
        "<h1 id=\"webhooks\">Webhooks</h1>\n<p>Endpoint: <code id=\"endpoint\">{}</code></p>\n\
         <form method=\"post\" action=\"/__standin/webhooks\" id=\"send-form\">\n{buttons}</form>\n\
         <p>Result: <output id=\"result\">{}</output></p>\n\
         <table id=\"log\"><tr><th>event</th><th>url</th><th>status</th></tr>{rows}</table>",
        escape(&endpoint),
        escape(result.unwrap_or(""))
    );
    html::response(
        StatusCode::OK,
        html::document(
            "Webhooks · VivoMeetings stand-in",
            "",
            "",
            &format!("<main class=\"page\">{inner}</main>"),
        ),
    )
}

/// `GET /__standin/webhooks`: one button per event.
async fn control_page(State(platform): State<Shared>) -> Response {
    page(&platform, None)
}

/// `POST /__standin/webhooks` (the page's form, `event=…`): sends it with
/// the default payload and shows the page with the result.
async fn control_send(State(platform): State<Shared>, body: Bytes) -> Response {
    let fields = to_fields(form_pairs(&body));
    let event = fields.get("event").cloned().unwrap_or_default();
    if !WEBHOOK_EVENTS.contains(&event.as_str()) {
        return page(&platform, Some("unknown event"));
    }
    let result = match deliver(&platform, &event, payload_for(&event, None)).await {
        None => "no webhook endpoint registered".to_string(),
        Some(d) => match (d.status, d.error) {
            (Some(status), _) => format!("{event}: HTTP {status}"),
            (None, Some(error)) => format!("{event}: {error}"),
            (None, None) => event.clone(),
        },
    };
    let mut response = page(&platform, Some(&result));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_loopback_only() {
        let e = parse_endpoint("http://127.0.0.1:9999/hooks/vivo?secret=s3cr3t");
        let e = e.unwrap_or_else(|m| panic!("{m}"));
        assert_eq!(e.port, 9999);
        assert_eq!(e.target, "/hooks/vivo?secret=s3cr3t");
        assert_eq!(e.shown, "http://127.0.0.1:9999/hooks/vivo?secret=***");
        let e = parse_endpoint("http://LOCALHOST:8/hooks/abc").unwrap_or_else(|m| panic!("{m}"));
        assert_eq!(e.shown, "http://localhost:8/hooks/***");
        for bad in [
            "https://127.0.0.1:9/x",
            "http://evil.example/x",
            "http://127.0.0.1.evil.example/x",
            "http://user@127.0.0.1:9/x",
            "http://127.0.0.1:0/x",
            "http://127.0.0.1:99999/x",
            "ftp://127.0.0.1/x",
            "http://127.0.0.1:9/x#f",
        ] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn payloads_are_serialized_json() {
        assert_eq!(
            payload_for("conference_end", None),
            r#"{"conference_id":801,"host_id":8}"#
        );
        let p = payload_for("recording_ready", None);
        assert!(p.contains(r#""download_link":"https://"#), "{p}");
        assert!(p.contains(r#""recording_id":12345"#));
        assert!(payload_for("leave_livestream", None).contains("participant_id"));
    }
}
