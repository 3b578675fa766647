//! The platform origin (`http://localhost:<P>`): meeting room, livestream
//! player, SSO and a few dashboard pages, as sections 9 and 10 of the partner
//! handbook describe them.

use std::collections::hash_map::RandomState;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;

use crate::html::{self, escape};

/// A built-in demo host that SSO (`/auth`) and the OAuth login page accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoHost {
    /// The host's account number (`host_id`).
    pub host_id: u64,
    /// The host's SSO token (`login_token_public_key`).
    pub login_token_public_key: &'static str,
    /// The host's e-mail address (platform login page, `host/fetch`).
    pub email: &'static str,
    /// The host's password on the platform login page.
    pub password: &'static str,
    /// The host's display name.
    pub name: &'static str,
    /// The access code of the host's personal meeting room.
    pub access_code: &'static str,
}

/// The demo hosts: host 8 is the handbook's own example.
pub const DEMO_HOSTS: &[DemoHost] = &[
    DemoHost {
        host_id: 8,
        login_token_public_key: "a1b2c3d4e5f6",
        email: "john@company.tld",
        password: "demo-password-8",
        name: "John Host",
        access_code: "1234567",
    },
    DemoHost {
        host_id: 9,
        login_token_public_key: "demo-token-9",
        email: "jane@company.tld",
        password: "demo-password-9",
        name: "Jane Host",
        access_code: "7654321",
    },
];

/// Name of the session cookie.
pub(crate) const SESSION_COOKIE: &str = "vm_session";

/// A signed-in browser session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// The signed-in host.
    pub(crate) host: &'static DemoHost,
    /// Where hang-up sends the frame, if SSO gave one.
    pub(crate) after_call_url: Option<String>,
}

/// One recorded `/auth` request.
#[derive(Debug, Clone, Serialize)]
struct AuthLogEntry {
    /// `GET` or `POST`.
    method: String,
    /// Path and query as requested.
    url: String,
    /// The raw `Content-Type` header.
    content_type: Option<String>,
    /// The fields that were read (first occurrence wins).
    fields: BTreeMap<String, String>,
    /// The HTTP status of the answer.
    status: u16,
}

/// Shared state of the platform origin.
#[derive(Debug)]
pub(crate) struct Platform {
    /// `http://localhost:<P>`.
    pub(crate) origin: String,
    /// `http://127.0.0.1:<A>`.
    pub(crate) app_origin: String,
    /// Sessions by id.
    pub(crate) sessions: Mutex<HashMap<String, Session>>,
    /// OAuth clients, codes and tokens.
    pub(crate) oauth: Mutex<crate::oauth::OAuthState>,
    /// Conferences of the Enterprise API.
    pub(crate) conferences: Mutex<crate::enterprise::Conferences>,
    /// The webhook endpoint, deliveries and running rooms.
    pub(crate) webhooks: Mutex<crate::webhooks::Webhooks>,
    /// Every `/auth` request, oldest first.
    auth_log: Mutex<Vec<AuthLogEntry>>,
    /// Counts issued session ids.
    counter: AtomicU64,
    /// Per-process random keys for session ids.
    seed: RandomState,
}

/// The platform state as handlers see it.
pub(crate) type Shared = Arc<Platform>;

/// Locks a mutex, recovering the data if a handler panicked while holding it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Platform {
    /// A fresh, unguessable-enough session id (128 bits, hex).
    fn new_session_id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let a = self.seed.hash_one((n, nanos, 1u8));
        let b = self.seed.hash_one((n, nanos, 2u8));
        format!("{a:016x}{b:016x}")
    }

    /// 32 random-looking bytes as base64url without padding (43
    /// characters), like Doorkeeper's tokens.
    pub(crate) fn new_token(&self) -> String {
        use base64::Engine;
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        hasher.update(self.new_session_id().as_bytes());
        hasher.update(self.new_session_id().as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hasher.finalize())
    }

    /// The session named by the request's `vm_session` cookie, if it exists.
    pub(crate) fn session(&self, headers: &HeaderMap) -> Option<Session> {
        self.session_with_id(headers).map(|(_, s)| s)
    }

    /// The session and its id, from the request's `vm_session` cookie.
    pub(crate) fn session_with_id(&self, headers: &HeaderMap) -> Option<(String, Session)> {
        let sessions = lock(&self.sessions);
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
            .find_map(|id| sessions.get(id).map(|s| (id.to_string(), s.clone())))
    }

    /// Starts a session for a host; returns the `Set-Cookie` value.
    pub(crate) fn start_session(
        &self,
        host: &'static DemoHost,
        after_call_url: Option<String>,
    ) -> String {
        let id = self.new_session_id();
        let cookie =
            format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned");
        lock(&self.sessions).insert(
            id,
            Session {
                host,
                after_call_url,
            },
        );
        cookie
    }
}

/// `John Host (host 8)` or `not signed in`.
fn signed_in_label(session: Option<&Session>) -> String {
    match session {
        Some(s) => format!("{} (host {})", s.host.name, s.host.host_id),
        None => "not signed in".to_string(),
    }
}

/// Builds the platform router for the given origin (`http://localhost:<P>`);
/// `app_origin` (`http://127.0.0.1:<A>`) is where the demo OAuth clients'
/// redirect URIs live.
pub fn router(origin: String, app_origin: String) -> Router {
    let oauth = crate::oauth::OAuthState::new(&app_origin);
    let state = Arc::new(Platform {
        origin,
        app_origin,
        sessions: Mutex::new(HashMap::new()),
        oauth: Mutex::new(oauth),
        conferences: Mutex::new(crate::enterprise::Conferences::new()),
        webhooks: Mutex::new(crate::webhooks::Webhooks::default()),
        auth_log: Mutex::new(Vec::new()),
        counter: AtomicU64::new(0),
        seed: RandomState::new(),
    });
    Router::new()
        .route("/", get(|| async { Redirect::to("/conf/calls/upcoming") }))
        .route("/conf/call/{code}", get(meeting_room))
        .route("/livestream/{code}", get(livestream))
        .route("/auth", get(auth_get).post(auth_post))
        .route("/conf/calls/upcoming", get(dashboard))
        .route("/conf/create", get(create_page))
        .route("/after-call", get(after_call))
        .route("/__standin/auth-log", get(auth_log).options(preflight))
        .route("/__standin/reset", post(reset).options(preflight))
        .route("/__standin/post", get(crate::poster::post_page))
        .merge(crate::oauth::routes())
        .merge(crate::enterprise::routes())
        .merge(crate::webhooks::routes())
        .fallback(|uri: Uri| async move { html::not_found(uri.path()) })
        .with_state(state)
}

/// Decodes a query string or form body with the form rules (`+` is a space).
pub(crate) fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

/// The first value of a parameter.
fn first<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The `<dl id="params">` listing every received query parameter.
fn params_list(params: &[(String, String)]) -> String {
    let mut out = String::from("<dl id=\"params\" class=\"params\">");
    for (key, value) in params {
        let key = escape(key);
        out.push_str(&format!(
            "<dt>{key}</dt><dd data-param=\"{key}\">{}</dd>",
            escape(value)
        ));
    }
    out.push_str("</dl>");
    if params.is_empty() {
        out.push_str("<p class=\"muted\" id=\"no-params\">No query parameters.</p>");
    }
    out
}

/// Up to two initials of a display name, for the avatar.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// CSS of the meeting room (display options are cosmetic only).
const ROOM_STYLE: &str = "\
body.room{display:flex;flex-direction:column;background:#141a24;color:#e8edf5}
.room-main{flex:1;display:flex;min-height:0;overflow:hidden}
.stage{flex:1;display:grid;gap:10px;padding:12px;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));grid-auto-rows:minmax(110px,240px);align-content:safe center;min-height:0;min-width:0;overflow:auto}
.tile{position:relative;display:flex;align-items:center;justify-content:center;background:#263042;border-radius:10px;border:2px solid transparent;overflow:hidden}
.tile.speaker{border-color:#4f8cff}
.tile.self.observer{border:2px dashed #8b98ad;background:#1d2533}
.avatar{width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:#4f8cff;color:#fff;font-weight:700;font-size:1.15rem}
.tile.self .avatar{background:#2eab7a}
.tile .label{position:absolute;left:8px;bottom:6px;font-size:.8rem;background:#0008;padding:.05rem .45rem;border-radius:4px;max-width:calc(100% - 16px);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tile .badges{position:absolute;right:6px;top:6px;left:6px;display:flex;flex-wrap:wrap;justify-content:flex-end;gap:4px}
.badge{font-size:.7rem;font-weight:600;padding:.05rem .4rem;border-radius:4px;background:#e0a800;color:#1d2433}
body[data-view=bottom_speaker] .stage{grid-template-columns:repeat(3,1fr);grid-template-rows:2fr 1fr}
body[data-view=bottom_speaker] .tile.speaker{grid-column:1/-1;grid-row:1;order:-1}
body[data-view=left_side_speaker] .stage{grid-template-columns:2fr 1fr;grid-template-rows:repeat(2,1fr)}
body[data-view=left_side_speaker] .tile.speaker{grid-row:1/3;order:-1}
.side{width:270px;padding:12px 14px;background:#1b2230;border-left:1px solid #2c3648;overflow:auto;font-size:.85rem}
.side h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#8b98ad;margin:.2rem 0 .5rem}
.side dl.params dt{color:#8b98ad}
.side .muted{color:#8b98ad}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:10px 12px;background:#1b2230;border-top:1px solid #2c3648}
.controls button{font:inherit;font-size:.85rem;padding:.4rem .8rem;border-radius:6px;border:1px solid #3a465c;background:#2a3446;color:#e8edf5;cursor:pointer}
.controls button:hover{background:#34405a}
.controls button#hangup{background:#d93a3a;border-color:#d93a3a;color:#fff;font-weight:600}
#status{margin-left:auto;font-size:.8rem;color:#9fb0c8}
body.strip .stage{display:flex;align-items:center;padding:6px 10px;gap:8px;overflow-x:auto}
body.strip .tile{flex:0 0 140px;height:84px}
body.strip .avatar{width:36px;height:36px;font-size:.85rem}
body.strip .side{width:320px}
body.strip .controls{padding:6px 10px}
.controls{position:relative;z-index:1}
@media (max-width:760px){.side{width:200px;padding:8px 10px}body.strip .side{width:220px}.stage{grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:8px;padding:8px}}
@media (max-height:560px){header.bar{padding:.35rem .75rem}.stage{grid-auto-rows:minmax(64px,1fr);gap:8px;padding:8px}.avatar{width:40px;height:40px;font-size:.9rem}.controls{padding:6px 8px;gap:6px}.controls button{padding:.3rem .6rem;font-size:.8rem}}
";

/// Script of the meeting room: the leave buttons post exactly what the
/// handbook shows, and hang-up then follows the session's after_call_url.
const ROOM_SCRIPT: &str = r#"<script>
(function () {
  var body = document.body;
  var after = body.getAttribute('data-after-call-url');
  var status = document.getElementById('status');
  function send(message, text) {
    window.parent.postMessage(message, '*');
    status.textContent = text;
  }
  function leave(reason) {
    send({type: 'vivomeetingsLeaveCallEvent', reason: reason}, 'Left the meeting (' + reason + ')');
    body.classList.add('left');
  }
  document.getElementById('hangup').addEventListener('click', function () {
    leave('left');
    // Ends the conference on the stand-in (the conference_end webhook).
    fetch(location.pathname + '/end', {method: 'POST', keepalive: true}).catch(function () {});
    if (after) {
      setTimeout(function () { location.href = after; }, 300);
    }
  });
  document.getElementById('kicked').addEventListener('click', function () { leave('kicked'); });
  document.getElementById('blocked').addEventListener('click', function () { leave('blocked'); });
  document.getElementById('other-reason').addEventListener('click', function () { leave('timeout'); });
  document.getElementById('unknown').addEventListener('click', function () {
    send({type: 'vivomeetingsParticipantJoinedEvent', participant: 'Ann'}, 'Sent vivomeetingsParticipantJoinedEvent');
  });
})();
</script>"#;

/// `GET /conf/call/<code>`: the meeting room.
async fn meeting_room(
    State(platform): State<Shared>,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = form_pairs(query.unwrap_or_default().as_bytes());
    let session = platform.session(&headers);
    crate::webhooks::room_loaded(&platform, &code);
    let flag = |key: &str| first(&params, key) == Some("true");

    let view = first(&params, "view")
        .filter(|v| matches!(*v, "bottom_speaker" | "left_side_speaker"))
        .unwrap_or("gallery");
    let strip = flag("strip_layout");
    let observer = flag("observer");
    let muted: Vec<&str> = first(&params, "mute")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .collect();
    let camera_off = muted.contains(&"camera");
    let mic_off = muted.contains(&"mic");

    let name = first(&params, "name").filter(|n| !n.trim().is_empty());
    let display_name = name.unwrap_or("Guest");

    let mut attrs = format!(
        "class=\"room{}\" data-view=\"{view}\" data-access-code=\"{}\"",
        if strip { " strip" } else { "" },
        escape(&code)
    );
    if let Some(url) = session.as_ref().and_then(|s| s.after_call_url.as_deref()) {
        attrs.push_str(&format!(" data-after-call-url=\"{}\"", escape(url)));
    }

    let mut badges = String::new();
    if observer {
        badges.push_str("<span class=\"badge\" id=\"observer-badge\">observer</span>");
    }
    if camera_off {
        badges.push_str("<span class=\"badge\" id=\"camera-off\">camera off</span>");
    }
    if mic_off {
        badges.push_str("<span class=\"badge\" id=\"mic-off\">mic off</span>");
    }
    let is_host = session.as_ref().is_some_and(|s| s.host.access_code == code);
    let role = if is_host { " · host" } else { "" };

    let mut notes = Vec::new();
    if name.is_none() {
        notes.push("No name given: the real room would ask for one.");
    }
    if !flag("skip_join") {
        notes.push("skip_join is not true: the real room would show the device check first.");
    }
    if observer {
        notes.push("Observer: camera off and no tile for the others.");
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(
            "<p id=\"join-notes\" class=\"muted\">{}</p>",
            notes.join(" ")
        )
    };

    let body = format!(
        "{bar}\n<div class=\"room-main\">\n<section class=\"stage\" aria-label=\"Participants\">\n\
         <div class=\"tile self{obs}\" id=\"self-tile\"><span class=\"avatar\">{init}</span>\
         <span class=\"badges\">{badges}</span>\
         <span class=\"label\" id=\"display-name\">{dname}</span></div>\n\
         <div class=\"tile speaker\"><span class=\"avatar\">AN</span><span class=\"label\">Ann</span></div>\n\
         <div class=\"tile\"><span class=\"avatar\">BO</span><span class=\"label\">Bob</span></div>\n\
         </section>\n<aside class=\"side\">\n<h2>Room</h2>\
         <p>Access code <output id=\"access-code\">{code}</output>{role}</p>\n\
         <h2>Query parameters</h2>\n{params}\n{notes}\n</aside>\n</div>\n\
         <footer class=\"controls\">\n\
         <button type=\"button\" id=\"hangup\">Hang up</button>\n\
         <button type=\"button\" id=\"kicked\">Kicked</button>\n\
         <button type=\"button\" id=\"blocked\">Blocked</button>\n\
         <button type=\"button\" id=\"unknown\">Send unknown event</button>\n\
         <button type=\"button\" id=\"other-reason\">Leave with reason 'timeout'</button>\n\
         <output id=\"status\" role=\"status\" aria-live=\"polite\"></output>\n</footer>\n{ROOM_SCRIPT}",
        bar = html::platform_bar(&signed_in_label(session.as_ref())),
        obs = if observer { " observer" } else { "" },
        init = escape(&initials(display_name)),
        dname = escape(display_name),
        code = escape(&code),
        params = params_list(&params),
    );
    html::response(
        StatusCode::OK,
        html::document(
            &format!("Meeting {code} · VivoMeetings"),
            &attrs,
            ROOM_STYLE,
            &body,
        ),
    )
}

/// CSS of the livestream player.
const LIVESTREAM_STYLE: &str = "\
body.livestream{background:#0d1118;color:#e8edf5}
.player{max-width:52rem;margin:1.5rem auto;padding:0 1rem}
@media (max-width:760px),(max-height:560px){.player{margin:.75rem auto;padding:0 .75rem}.player>p.muted{margin:.6rem 0;font-size:.85rem}}
.screen{position:relative;aspect-ratio:16/9;background:linear-gradient(135deg,#1b2536,#0b0f16);border-radius:10px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:.5rem}
.live{position:absolute;top:12px;left:12px;background:#d93a3a;color:#fff;font-size:.75rem;font-weight:700;padding:.1rem .5rem;border-radius:4px}
.play{width:0;height:0;border-left:34px solid #e8edf5;border-top:20px solid transparent;border-bottom:20px solid transparent;opacity:.8}
.player .params dt{color:#8b98ad}
";

/// `GET /livestream/<code>`: a static player; sends no messages.
async fn livestream(
    State(platform): State<Shared>,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = form_pairs(query.unwrap_or_default().as_bytes());
    let session = platform.session(&headers);
    let body = format!(
        "{}\n<div class=\"player\">\n<div class=\"screen\" id=\"player\"><span class=\"live\">LIVE</span>\
         <span class=\"play\" aria-hidden=\"true\"></span>\
         <span>Livestream of room <output id=\"access-code\">{}</output></span></div>\n\
         <p class=\"muted\">A static stand-in player: it plays nothing and sends no messages.</p>\n{}\n</div>",
        html::platform_bar(&signed_in_label(session.as_ref())),
        escape(&code),
        params_list(&params)
    );
    html::response(
        StatusCode::OK,
        html::document(
            &format!("Livestream {code} · VivoMeetings"),
            &format!(
                "class=\"livestream\" data-access-code=\"{}\"",
                escape(&code)
            ),
            LIVESTREAM_STYLE,
            &body,
        ),
    )
}

/// A plain platform page with the top bar.
fn simple_page(title: &str, signed_in: &str, inner: &str) -> Response {
    let body = format!(
        "{}\n<main class=\"page\">{inner}</main>",
        html::platform_bar(signed_in)
    );
    html::response(StatusCode::OK, html::document(title, "", "", &body))
}

/// `GET /conf/calls/upcoming`: the dashboard.
async fn dashboard(State(platform): State<Shared>, headers: HeaderMap) -> Response {
    let session = platform.session(&headers);
    let inner = match &session {
        Some(s) => format!(
            "<h1 id=\"dashboard\">Upcoming calls</h1>\n<p>Welcome, {name}.</p>\n<ul>\
             <li>Personal meeting room, access code <code>{code}</code> · \
             <a id=\"room-link\" href=\"/conf/call/{code}\">Join the room</a></li></ul>\n\
             <p class=\"muted\">After a call: <output id=\"after-call-url\">{after}</output></p>",
            name = escape(s.host.name),
            code = escape(s.host.access_code),
            after = escape(s.after_call_url.as_deref().unwrap_or("(none)")),
        ),
        None => "<h1 id=\"dashboard\">Upcoming calls</h1>\n<p>You are not signed in. \
                 Hosts sign in through SSO: <code>/auth</code> (handbook section 10).</p>"
            .to_string(),
    };
    simple_page(
        "Upcoming calls · VivoMeetings",
        &signed_in_label(session.as_ref()),
        &inner,
    )
}

/// `GET /conf/create`.
async fn create_page(State(platform): State<Shared>, headers: HeaderMap) -> Response {
    let session = platform.session(&headers);
    let inner = "<h1 id=\"create\">Create a meeting</h1>\n\
                 <p class=\"muted\">The stand-in cannot create meetings; each demo host has one \
                 personal room (see the dashboard).</p>\n\
                 <p><a href=\"/conf/calls/upcoming\">Back to upcoming calls</a></p>";
    simple_page(
        "Create a meeting · VivoMeetings",
        &signed_in_label(session.as_ref()),
        inner,
    )
}

/// `GET /after-call`: a handy relative `after_call_url` target.
async fn after_call(State(platform): State<Shared>, headers: HeaderMap) -> Response {
    let session = platform.session(&headers);
    let inner = "<h1 id=\"after-call\">Thanks for joining</h1>\n\
                 <p>The call has ended.</p>\n\
                 <p><a href=\"/conf/calls/upcoming\">Back to upcoming calls</a></p>";
    simple_page(
        "Thanks for joining · VivoMeetings",
        &signed_in_label(session.as_ref()),
        inner,
    )
}

/// A relative URL here starts with exactly one `/` (so `//…` and `/\…` are
/// not relative) and has no control characters.
pub(crate) fn is_safe_relative(url: &str) -> bool {
    url.starts_with('/')
        && !url.starts_with("//")
        && !url.starts_with("/\\")
        && !url.chars().any(char::is_control)
}

/// `redirect_url` must be relative or absolute on the platform origin.
fn is_safe_redirect(url: &str, origin: &str) -> bool {
    if is_safe_relative(url) {
        return true;
    }
    if url.chars().any(char::is_control) || url.len() < origin.len() {
        return false;
    }
    let (head, rest) = url.split_at(origin.len());
    head.eq_ignore_ascii_case(origin) && matches!(rest.chars().next(), None | Some('/' | '?' | '#'))
}

/// `after_call_url` must be relative or an absolute http(s) URL.
fn is_safe_after_call(url: &str) -> bool {
    if is_safe_relative(url) {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.starts_with('\\'))
        && !url.chars().any(char::is_control)
}

/// Checks the SSO fields and starts a session.
fn sign_in(platform: &Platform, fields: &BTreeMap<String, String>) -> Response {
    let host_id = fields.get("host_id").map(String::as_str);
    let token = fields.get("login_token_public_key").map(String::as_str);
    let (Some(host_id), Some(token)) = (host_id, token) else {
        return html::error_page(
            StatusCode::UNAUTHORIZED,
            "auth-error",
            "Sign-in failed",
            "host_id and login_token_public_key are required.",
        );
    };
    let Some(host) = DEMO_HOSTS
        .iter()
        .find(|h| h.host_id.to_string() == host_id && h.login_token_public_key == token)
    else {
        return html::error_page(
            StatusCode::UNAUTHORIZED,
            "auth-error",
            "Sign-in failed",
            "Unknown host_id or wrong login_token_public_key.",
        );
    };
    let Some(redirect_url) = fields.get("redirect_url").filter(|u| !u.is_empty()) else {
        return html::error_page(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            "missing redirect_url",
        );
    };
    let location = HeaderValue::from_bytes(redirect_url.as_bytes());
    let location = match location {
        Ok(value) if is_safe_redirect(redirect_url, &platform.origin) => value,
        _ => {
            return html::error_page(
                StatusCode::BAD_REQUEST,
                "bad-request",
                "Bad request",
                "unsafe redirect_url",
            )
        }
    };
    let after_call_url = fields
        .get("after_call_url")
        .filter(|u| !u.is_empty())
        .cloned();
    if after_call_url
        .as_deref()
        .is_some_and(|u| !is_safe_after_call(u))
    {
        return html::error_page(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Bad request",
            "unsafe after_call_url",
        );
    }

    let cookie = platform.start_session(host, after_call_url);
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Collects form pairs into fields.
pub(crate) fn to_fields(pairs: Vec<(String, String)>) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for (key, value) in pairs {
        // The first occurrence of a repeated field wins.
        fields.entry(key).or_insert(value);
    }
    fields
}

/// Reads the fields of a JSON object body; numbers and booleans are taken in
/// their JSON text form (`"host_id": 8` is `"8"`), nulls are dropped.
pub(crate) fn json_fields(body: &[u8]) -> Option<BTreeMap<String, String>> {
    let serde_json::Value::Object(object) = serde_json::from_slice(body).ok()? else {
        return None;
    };
    Some(
        object
            .into_iter()
            .filter_map(|(key, value)| match value {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some((key, s)),
                other => Some((key, other.to_string())),
            })
            .collect(),
    )
}

/// Appends an entry to the auth log and passes the response through.
fn record(
    platform: &Platform,
    method: &Method,
    uri: &Uri,
    content_type: Option<String>,
    fields: BTreeMap<String, String>,
    response: Response,
) -> Response {
    let url = uri
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| uri.path().to_string());
    lock(&platform.auth_log).push(AuthLogEntry {
        method: method.to_string(),
        url,
        content_type,
        fields,
        status: response.status().as_u16(),
    });
    response
}

/// `GET /auth`: the fields come from the query string.
async fn auth_get(
    State(platform): State<Shared>,
    uri: Uri,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let fields = to_fields(form_pairs(query.unwrap_or_default().as_bytes()));
    let content_type = content_type(&headers);
    let response = sign_in(&platform, &fields);
    record(
        &platform,
        &Method::GET,
        &uri,
        content_type,
        fields,
        response,
    )
}

/// The raw `Content-Type` header, if any.
fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// `POST /auth`: the fields come from the body only (form or JSON), never
/// from the query string.
async fn auth_post(
    State(platform): State<Shared>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = content_type(&headers);
    let essence = content_type
        .as_deref()
        .and_then(|ct| ct.split(';').next())
        .map(|ct| ct.trim().to_ascii_lowercase());
    let parsed = match essence.as_deref() {
        None | Some("application/x-www-form-urlencoded") => Ok(to_fields(form_pairs(&body))),
        Some(ct) if ct == "application/json" || ct.ends_with("+json") => json_fields(&body)
            .ok_or_else(|| {
                html::error_page(
                    StatusCode::BAD_REQUEST,
                    "bad-request",
                    "Bad request",
                    "The request body is not a JSON object.",
                )
            }),
        Some(_) => Err(html::error_page(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "bad-request",
            "Unsupported content type",
            "Send application/x-www-form-urlencoded or application/json.",
        )),
    };
    let (fields, response) = match parsed {
        Ok(fields) => {
            let response = sign_in(&platform, &fields);
            (fields, response)
        }
        Err(response) => (BTreeMap::new(), response),
    };
    record(
        &platform,
        &Method::POST,
        &uri,
        content_type,
        fields,
        response,
    )
}

/// Adds `Access-Control-Allow-*` headers (only for `/__standin/`).
pub(crate) fn with_cors(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    response
}

/// `GET /__standin/auth-log`: every `/auth` request so far, as JSON.
async fn auth_log(State(platform): State<Shared>) -> Response {
    let log = lock(&platform.auth_log).clone();
    with_cors(Json(log).into_response())
}

/// `POST /__standin/reset`: forgets the auth log and all sessions.
async fn reset(State(platform): State<Shared>) -> Response {
    lock(&platform.auth_log).clear();
    lock(&platform.sessions).clear();
    with_cors(StatusCode::NO_CONTENT.into_response())
}

/// CORS preflight of the `/__standin/` endpoints.
pub(crate) async fn preflight() -> Response {
    with_cors(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://localhost:8081";

    #[test]
    fn redirect_rules() {
        for ok in [
            "/conf/calls/upcoming",
            "/conf/call/123?name=A+B",
            "http://localhost:8081",
            "http://localhost:8081/conf/create",
            "HTTP://LOCALHOST:8081?x",
        ] {
            assert!(is_safe_redirect(ok, ORIGIN), "{ok}");
        }
        for bad in [
            "//evil.example/",
            "/\\evil.example/",
            "https://evil.example/",
            "http://localhost:80811/",
            "http://localhost:8081@evil.example/",
            "javascript:alert(1)",
            "conf/create",
            "/\t/evil.example",
            "",
        ] {
            assert!(!is_safe_redirect(bad, ORIGIN), "{bad}");
        }
    }

    #[test]
    fn after_call_rules() {
        for ok in [
            "/after-call",
            "https://en.wikipedia.org",
            "http://127.0.0.1:8080/done",
        ] {
            assert!(is_safe_after_call(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example",
            "https://",
            "data:,x",
            "http:///x",
        ] {
            assert!(!is_safe_after_call(bad), "{bad}");
        }
    }

    #[test]
    fn json_numbers_become_text() {
        let fields = json_fields(br#"{"host_id": 8, "login_token_public_key": "k", "x": null}"#);
        let fields = fields.unwrap_or_default();
        assert_eq!(fields.get("host_id").map(String::as_str), Some("8"));
        assert!(!fields.contains_key("x"));
        assert!(json_fields(b"[1]").is_none());
        assert!(json_fields(b"{").is_none());
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Steve Irwin"), "SI");
        assert_eq!(initials("ann"), "A");
        assert_eq!(initials(""), "");
    }
}
