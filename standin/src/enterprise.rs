//! The Enterprise API with OAuth Bearer tokens (handbook 1, 6.2, 6.7, 8.2,
//! 8.4 and 12.7): `POST /enterprise_api/<method>` with JSON bodies.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::oauth::TokenProblem;
use crate::platform::{form_pairs, lock, DemoHost, Shared, DEMO_HOSTS};

/// A conference the stand-in knows.
#[derive(Debug, Clone)]
pub(crate) struct Conference {
    /// `conference_id`.
    pub(crate) conference_id: u64,
    /// Its host.
    pub(crate) host_id: u64,
    /// Subject.
    subject: String,
    /// Access code of its room (`/conf/call/<code>`).
    pub(crate) access_code: String,
    /// Start, seconds since the epoch (UTC).
    start: u64,
    /// Minutes.
    duration: u64,
    /// Whether it was created reservationless (active at once).
    reservationless: bool,
    /// `time_zone` as requested.
    time_zone: String,
}

/// The conferences: each demo host's personal room and one scheduled
/// conference each, plus those made with `conference/create`.
#[derive(Debug)]
pub(crate) struct Conferences {
    list: Vec<Conference>,
    next_id: u64,
}

/// Seconds since the epoch.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

impl Conferences {
    /// The demo conferences, starting relative to now (rounded to the hour).
    pub(crate) fn new() -> Self {
        let hour = now() / 3600 * 3600;
        let conf = |id, host_id, subject: &str, code: &str, start| Conference {
            conference_id: id,
            host_id,
            subject: subject.to_string(),
            access_code: code.to_string(),
            start,
            duration: 60,
            reservationless: false,
            time_zone: "UTC".to_string(),
        };
        Conferences {
            list: vec![
                conf(801, 8, "John Host's meeting room", "1234567", hour + 3600),
                conf(802, 8, "Weekly sync", "802802802", hour + 86400),
                conf(901, 9, "Jane Host's meeting room", "7654321", hour + 7200),
                conf(902, 9, "Design review", "902902902", hour + 2 * 86400),
            ],
            next_id: 1001,
        }
    }

    /// The conference whose room has this access code.
    pub(crate) fn by_code(&self, code: &str) -> Option<&Conference> {
        self.list.iter().find(|c| c.access_code == code)
    }
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) of a Unix time.
pub(crate) fn format_time(secs: u64) -> String {
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The Enterprise API routes.
pub(crate) fn routes() -> Router<Shared> {
    Router::new().route(
        "/enterprise_api/{*method}",
        post(call).options(preflight).fallback(other_method),
    )
}

/// The request's `Origin` if it may call the API from a browser: the app
/// origin or an origin of a registered client's redirect URI.
fn allowed_origin(platform: &Shared, headers: &HeaderMap) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    let text = origin.to_str().ok()?;
    let allowed = text == platform.app_origin
        || lock(&platform.oauth)
            .client_origins()
            .iter()
            .any(|o| o == text);
    allowed.then(|| origin.clone())
}

/// Adds `Access-Control-Allow-Origin` for an allowed origin.
fn cors(platform: &Shared, headers: &HeaderMap, mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed_origin(platform, headers) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    response
}

/// `OPTIONS /enterprise_api/<method>`: the CORS preflight.
async fn preflight(State(platform): State<Shared>, headers: HeaderMap) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    if allowed_origin(&platform, &headers).is_some() {
        let h = response.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
    }
    cors(&platform, &headers, response)
}

/// Other methods than POST: 404, as a router without the route would say.
async fn other_method(State(platform): State<Shared>, headers: HeaderMap) -> Response {
    cors(
        &platform,
        &headers,
        message(StatusCode::NOT_FOUND, "Not found"),
    )
}

/// `{"message": …}` with a status.
fn message(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "message": text }))).into_response()
}

/// The methods the stand-in answers.
const METHODS: &[&str] = &[
    "host/fetch",
    "host/conferences",
    "conference/create",
    "conference/create/reservationless",
    "conference/fetch",
];

/// `POST /enterprise_api/<method>`.
async fn call(
    State(platform): State<Shared>,
    Path(method): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let response = answer(&platform, &method, query.as_deref(), &headers, &body);
    cors(&platform, &headers, response)
}

/// The answer before CORS.
fn answer(
    platform: &Shared,
    method: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    if method == "__standin/status" {
        return forced(query.unwrap_or_default());
    }
    if !METHODS.contains(&method) {
        return message(StatusCode::NOT_FOUND, &format!("Unknown method {method}"));
    }
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    let Some(bearer) = bearer else {
        return unauthorized("Missing Bearer token");
    };
    let token = match lock(&platform.oauth).check_bearer(bearer) {
        Ok(token) => token,
        Err(TokenProblem::Unknown) => return unauthorized("The access token is invalid"),
        Err(TokenProblem::Revoked) => return unauthorized("The access token was revoked"),
        Err(TokenProblem::Expired) => return unauthorized("The access token expired"),
    };
    let Some(host) = DEMO_HOSTS.iter().find(|h| h.host_id == token.host_id) else {
        return unauthorized("The access token is invalid");
    };
    let params = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Map::new()
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => map,
            _ => {
                return message(
                    StatusCode::BAD_REQUEST,
                    "The request body must be a JSON object",
                )
            }
        }
    };
    // A host may only act on itself.
    if let Some(id) = params.get("host_id").filter(|v| !v.is_null()) {
        let same =
            id.as_u64() == Some(host.host_id) || id.as_str() == Some(&host.host_id.to_string());
        if !same {
            return message(
                StatusCode::FORBIDDEN,
                "You are not authorized to access this host",
            );
        }
    }
    match method {
        "host/fetch" => Json(host_fetch(&platform.origin, host)).into_response(),
        "host/conferences" => {
            let conferences = lock(&platform.conferences);
            let start = now();
            let mut mine: Vec<&Conference> = conferences
                .list
                .iter()
                .filter(|c| c.host_id == host.host_id && c.start + c.duration * 60 >= start)
                .collect();
            mine.sort_by_key(|c| c.start);
            let list: Vec<Value> = mine
                .into_iter()
                .map(|c| summary(&platform.origin, host, c))
                .collect();
            Json(list).into_response()
        }
        "conference/create" | "conference/create/reservationless" => {
            let mut conferences = lock(&platform.conferences);
            let id = conferences.next_id;
            conferences.next_id += 1;
            let conference = Conference {
                conference_id: id,
                host_id: host.host_id,
                subject: params
                    .get("subject")
                    .and_then(Value::as_str)
                    .unwrap_or("Reservationless conference")
                    .to_string(),
                access_code: (900_000_000 + id).to_string(),
                start: now(),
                duration: 60,
                reservationless: true,
                time_zone: params
                    .get("time_zone")
                    .and_then(Value::as_str)
                    .unwrap_or("UTC")
                    .to_string(),
            };
            conferences.list.push(conference.clone());
            Json(details(&platform.origin, &conference)).into_response()
        }
        "conference/fetch" => {
            let id = params.get("conference_id").and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            });
            let conferences = lock(&platform.conferences);
            match id.and_then(|id| conferences.list.iter().find(|c| c.conference_id == id)) {
                None => message(StatusCode::NOT_FOUND, "Conference not found"),
                Some(c) if c.host_id != host.host_id => message(
                    StatusCode::FORBIDDEN,
                    "You are not authorized to access this conference",
                ),
                Some(c) => Json(details(&platform.origin, c)).into_response(),
            }
        }
        _ => message(StatusCode::NOT_FOUND, &format!("Unknown method {method}")),
    }
}

/// 401 `{"message"}` with a `WWW-Authenticate` challenge.
fn unauthorized(text: &str) -> Response {
    let mut response = message(StatusCode::UNAUTHORIZED, text);
    let challenge = format!(
        "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"{text}\""
    );
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// `POST /enterprise_api/__standin/status?code=N[&non_json=1][&location=URL]`:
/// a forced answer for client error tests (no token needed); `location`
/// makes it a redirect there.
fn forced(query: &str) -> Response {
    let params = form_pairs(query.as_bytes());
    let get = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let status = get("code")
        .and_then(|c| c.parse::<u16>().ok())
        .and_then(|c| StatusCode::from_u16(c).ok())
        .filter(|s| s.as_u16() >= 200)
        .unwrap_or(StatusCode::OK);
    if let Some(location) = get("location").and_then(|l| HeaderValue::from_str(l).ok()) {
        return (status, [(header::LOCATION, location)]).into_response();
    }
    if get("non_json").is_some_and(|v| v == "1" || v == "true") {
        return (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            "<!doctype html><title>Bad gateway</title><h1>Not JSON</h1>",
        )
            .into_response();
    }
    message(
        status,
        &format!("Forced status {} by the stand-in", status.as_u16()),
    )
}

/// The room URL of an access code.
fn room_url(origin: &str, code: &str) -> String {
    format!("{origin}/conf/call/{code}")
}

/// A `host/conferences` entry.
fn summary(origin: &str, host: &DemoHost, c: &Conference) -> Value {
    json!({
        "conference_id": c.conference_id,
        "host_id": host.host_id,
        "host_name": host.name,
        "subject": c.subject,
        "start_time": format_time(c.start),
        "end_time": format_time(c.start + c.duration * 60),
        "time_zone": "UTC",
        "duration": c.duration,
        "access_code": c.access_code,
        "room_url": room_url(origin, &c.access_code),
        "meeting_url": room_url(origin, &c.access_code),
        "total_participants": 0,
        "total_participant_minutes": 0,
        "meeting_summary_url": format!("{origin}/conf/summary/{}", c.conference_id),
    })
}

/// The 8.2 / 8.4 conference details.
fn details(origin: &str, c: &Conference) -> Value {
    let access_code: Value = c
        .access_code
        .parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::from(c.access_code.clone()));
    json!({
        "conference_id": c.conference_id,
        "host_id": c.host_id,
        "subject": c.subject,
        "agenda": null,
        "start": format_time(c.start),
        "end_time": format_time(c.start + c.duration * 60),
        "active": c.reservationless,
        "time_zone": c.time_zone,
        "duration": c.duration,
        "auto_record": "none",
        "auto_stream": "none",
        "auto_transcribe": false,
        "one_time_access_code": access_code,
        "security_pin": "123456",
        "mute_mode": "conversation",
        "room_url": room_url(origin, &c.access_code),
        "recordings": [],
        "participants": [],
        "moderators": [],
        "is_streaming": false,
    })
}

/// The 6.2 host details.
fn host_fetch(origin: &str, host: &DemoHost) -> Value {
    let number = |n: &str| {
        json!({
            "number": n, "id": null, "participant_id": null, "lock_version": null,
            "updated_at": null, "conference_call_id": null, "person_id": null,
            "account_id": null, "recording_id": null, "site_domain_id": null,
            "organization_id": null,
        })
    };
    json!({
        "host_id": host.host_id,
        "name": host.name,
        "email": host.email,
        "primary_dialin_number": {
            "phone_number": "14165551234",
            "domestic_format": "(416) 555-1234",
            "international_format": "+1 416-555-1234",
            "country_code": "CA",
            "location": "Toronto",
            "id": null, "created_at": null, "updated_at": null,
            "feature_id": null, "locale": null, "carrier": null,
            "state": null, "billing_group": null, "display": null,
            "organization_id": null, "grouped_billing_id": null,
            "site_domain_id": null, "billing_code": null, "active": null,
            "referral_number": null,
        },
        "meeting_url": room_url(origin, host.access_code),
        "role": "HOST",
        "openid_sub": format!("standin-host-{}", host.host_id),
        "access_code": number(host.access_code),
        "moderator_pin": number("9876543"),
        "password_creation_link": format!("{origin}/conf/calls/upcoming"),
        "login_token_public_key": host.login_token_public_key,
        "plan_slug": "small_plan",
        "add_on_slugs": ["recording"],
        "subscription_ids": [110, 111],
        "sip_uri": format!("sip:{}-0@sipgw.reseller.com", host.access_code),
        "disable_emails": {
            "conference_invitations": true,
            "conference_reminders": false,
            "conference_summaries": false,
            "transcription_summaries": false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::format_time;

    #[test]
    fn times_are_utc_civil() {
        assert_eq!(format_time(0), "1970-01-01 00:00:00");
        assert_eq!(format_time(1_600_520_400), "2020-09-19 13:00:00");
        assert_eq!(format_time(951_782_400), "2000-02-29 00:00:00");
    }
}
