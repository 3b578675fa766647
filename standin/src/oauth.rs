//! OAuth on the platform origin (handbook section 12), answering like
//! Doorkeeper (the platform's OAuth server) configured with the
//! authorization code and implicit grants, refresh tokens that rotate,
//! PKCE with `S256` only, and `handle_auth_errors :redirect`.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::Digest;

use crate::html::{self, escape};
use crate::platform::{
    form_pairs, is_safe_relative, json_fields, lock, preflight, to_fields, with_cors, DemoHost,
    Shared, DEMO_HOSTS,
};

/// Lifetime of access tokens, in seconds (Doorkeeper's default).
pub(crate) const ACCESS_TOKEN_SECONDS: u64 = 7200;
/// Lifetime of authorization codes (Doorkeeper's default).
const CODE_LIFETIME: Duration = Duration::from_secs(600);
/// Requests kept in the log's `last` list.
const LOG_KEEP: usize = 20;

/// Doorkeeper's `en.yml` texts.
const INVALID_GRANT: &str = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
const INVALID_CLIENT: &str = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";
const UNSUPPORTED_GRANT_TYPE: &str =
    "The authorization grant type is not supported by the authorization server.";
const UNSUPPORTED_RESPONSE_TYPE: &str =
    "The authorization server does not support this response type.";
const ACCESS_DENIED: &str = "The resource owner or authorization server denied the request.";
const INVALID_REDIRECT_URI: &str =
    "The requested redirect URI is malformed or doesn't match the client redirect URI.";
const MULTIPLE_AUTH: &str =
    "The request utilizes more than one mechanism for authenticating the client.";
const CHALLENGE_METHOD: &str = "The code_challenge_method must be S256.";
const REVOKE_UNAUTHORIZED: &str = "You are not authorized to revoke this token";

/// The built-in confidential demo client (the handbook's example uid).
pub const DEMO_CONFIDENTIAL_CLIENT_ID: &str = "0LnnLKxGjcjU_btg6d2xD46RWmQlCCbNpgEk2FQAuco";
/// The secret of [`DEMO_CONFIDENTIAL_CLIENT_ID`].
pub const DEMO_CONFIDENTIAL_CLIENT_SECRET: &str = "vm-standin-demo-secret-2c6f0d9e8b7a4f1e93d5";
/// The built-in public (browser) demo client: no secret.
pub const DEMO_PUBLIC_CLIENT_ID: &str = "vmStandinPublicBrowserClient_9fK2xQ7LmP4vR1";

/// A registered OAuth application.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    /// Service name shown on the consent page.
    name: String,
    /// `client_id`.
    uid: String,
    /// `client_secret`; `None` for a public client.
    secret: Option<String>,
    /// Exact redirect URIs.
    redirect_uris: Vec<String>,
}

/// An authorization waiting for the user's Authorize / Deny.
#[derive(Debug, Clone)]
struct Pending {
    session_id: String,
    host_id: u64,
    client_uid: String,
    redirect_uri: String,
    response_type: String,
    scope: String,
    state: Option<String>,
    code_challenge: Option<String>,
}

/// An authorization code.
#[derive(Debug, Clone)]
struct Grant {
    client_uid: String,
    host_id: u64,
    redirect_uri: String,
    scope: String,
    code_challenge: Option<String>,
    expires: Instant,
    used: bool,
}

/// An access token and its refresh token (one Doorkeeper record).
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) client_uid: String,
    pub(crate) host_id: u64,
    pub(crate) scope: String,
    refresh: Option<String>,
    created_at: u64,
    expires: Instant,
    pub(crate) revoked: bool,
    forced_expired: bool,
}

impl Token {
    /// Whether the access token has expired (or was made to expire).
    pub(crate) fn expired(&self) -> bool {
        self.forced_expired || Instant::now() >= self.expires
    }
}

/// Why a bearer token is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenProblem {
    /// Unknown token.
    Unknown,
    /// Revoked (also by rotation).
    Revoked,
    /// Expired.
    Expired,
}

/// All OAuth state of the platform.
#[derive(Debug)]
pub(crate) struct OAuthState {
    clients: Vec<Client>,
    pending: HashMap<String, Pending>,
    grants: HashMap<String, Grant>,
    tokens: HashMap<String, Token>,
    /// refresh token → access token.
    refresh: HashMap<String, String>,
    /// Token requests by grant type.
    counts: BTreeMap<String, u64>,
    revocations: u64,
    last: VecDeque<Value>,
}

impl OAuthState {
    /// The state with the two demo clients, redirecting to the app origin.
    pub(crate) fn new(app_origin: &str) -> Self {
        let uris = vec![
            format!("{app_origin}/oauth/callback.html"),
            format!("{app_origin}/oauth/popup.html"),
        ];
        OAuthState {
            clients: vec![
                Client {
                    name: "Demo Partner App".to_string(),
                    uid: DEMO_CONFIDENTIAL_CLIENT_ID.to_string(),
                    secret: Some(DEMO_CONFIDENTIAL_CLIENT_SECRET.to_string()),
                    redirect_uris: uris.clone(),
                },
                Client {
                    name: "Demo Browser App".to_string(),
                    uid: DEMO_PUBLIC_CLIENT_ID.to_string(),
                    secret: None,
                    redirect_uris: uris,
                },
            ],
            pending: HashMap::new(),
            grants: HashMap::new(),
            tokens: HashMap::new(),
            refresh: HashMap::new(),
            counts: BTreeMap::new(),
            revocations: 0,
            last: VecDeque::new(),
        }
    }

    fn client(&self, uid: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.uid == uid)
    }

    /// The origins of every registered redirect URI (for CORS).
    pub(crate) fn client_origins(&self) -> Vec<String> {
        self.clients
            .iter()
            .flat_map(|c| c.redirect_uris.iter())
            .filter_map(|u| origin_of(u))
            .collect()
    }

    /// The token record of a bearer access token, if it is usable.
    pub(crate) fn check_bearer(&self, token: &str) -> Result<Token, TokenProblem> {
        let record = self.tokens.get(token).ok_or(TokenProblem::Unknown)?;
        if record.revoked {
            Err(TokenProblem::Revoked)
        } else if record.expired() {
            Err(TokenProblem::Expired)
        } else {
            Ok(record.clone())
        }
    }

    fn issue(
        &mut self,
        new_token: impl Fn() -> String,
        client_uid: &str,
        host_id: u64,
        scope: &str,
        with_refresh: bool,
    ) -> (String, Token) {
        let access = new_token();
        let refresh = with_refresh.then(&new_token);
        let token = Token {
            client_uid: client_uid.to_string(),
            host_id,
            scope: scope.to_string(),
            refresh: refresh.clone(),
            created_at: unix_now(),
            expires: Instant::now() + Duration::from_secs(ACCESS_TOKEN_SECONDS),
            revoked: false,
            forced_expired: false,
        };
        if let Some(r) = refresh {
            self.refresh.insert(r, access.clone());
        }
        self.tokens.insert(access.clone(), token.clone());
        (access, token)
    }
}

/// Seconds since the epoch.
fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `scheme://host[:port]` of an absolute http(s) URL.
pub(crate) fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    ))
}

/// The OAuth routes and their control endpoints.
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/oauth/authorize", get(authorize).post(decide))
        .route("/oauth/login", post(login))
        .route("/oauth/token", post(token))
        .route("/oauth/revoke", post(revoke))
        .route(
            "/__standin/oauth/clients",
            post(register_client).options(preflight),
        )
        .route("/__standin/oauth/log", get(oauth_log).options(preflight))
        .route(
            "/__standin/oauth/reset",
            post(oauth_reset).options(preflight),
        )
        .route("/__standin/oauth/expire", post(expire).options(preflight))
}

/// Appends `key=value` pairs (form-encoded) to a URL's query or fragment.
fn with_params(url: &str, pairs: &[(&str, &str)], fragment: bool) -> String {
    let mut encoder = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        encoder.append_pair(k, v);
    }
    let encoded = encoder.finish();
    let separator = if fragment {
        '#'
    } else if url.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{url}{separator}{encoded}")
}

/// A 302 (as Rails' `redirect_to`) to `location`.
fn redirect(location: &str) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A 303 to `location`, optionally setting a cookie.
fn see_other(location: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Doorkeeper's error page ("An error has occurred").
fn error_page(status: StatusCode, error: &str, description: &str) -> Response {
    html::error_page(
        status,
        "oauth-error",
        "An error has occurred",
        &format!("{error}: {description}"),
    )
}

/// The authorization request, as read from the query.
#[derive(Debug, Clone, Default)]
struct AuthorizeRequest {
    client_id: String,
    redirect_uri: String,
    response_type: String,
    scope: String,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// Builds the redirect for an authorization error (query for `code`,
/// fragment for `token`).
fn error_redirect(req: &AuthorizeRequest, error: &str, description: &str) -> Response {
    let mut pairs = vec![("error", error), ("error_description", description)];
    if let Some(state) = req.state.as_deref() {
        pairs.push(("state", state));
    }
    redirect(&with_params(
        &req.redirect_uri,
        &pairs,
        req.response_type == "token",
    ))
}

/// `GET /oauth/authorize`.
async fn authorize(
    State(platform): State<Shared>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let raw_query = query.unwrap_or_default();
    let fields = to_fields(form_pairs(raw_query.as_bytes()));
    let field = |k: &str| fields.get(k).filter(|v| !v.is_empty()).cloned();
    let req = AuthorizeRequest {
        client_id: field("client_id").unwrap_or_default(),
        redirect_uri: field("redirect_uri").unwrap_or_default(),
        response_type: field("response_type").unwrap_or_default(),
        scope: field("scope").unwrap_or_else(|| "read,write".to_string()),
        state: field("state"),
        code_challenge: field("code_challenge"),
        code_challenge_method: field("code_challenge_method"),
    };
    // client_id and redirect_uri problems are rendered, never redirected.
    if req.client_id.is_empty() {
        return error_page(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: client_id.",
        );
    }
    let client = lock(&platform.oauth).client(&req.client_id).cloned();
    let Some(client) = client else {
        return error_page(StatusCode::UNAUTHORIZED, "invalid_client", INVALID_CLIENT);
    };
    if !client.redirect_uris.contains(&req.redirect_uri) {
        return error_page(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            INVALID_REDIRECT_URI,
        );
    }
    // The user signs in first (Doorkeeper's resource owner authenticator).
    let Some((session_id, session)) = platform.session_with_id(&headers) else {
        return login_page(
            StatusCode::OK,
            &format!("/oauth/authorize?{raw_query}"),
            None,
        );
    };
    if req.response_type.is_empty() {
        return error_redirect(
            &req,
            "invalid_request",
            "Missing required parameter: response_type.",
        );
    }
    if req.response_type != "code" && req.response_type != "token" {
        return error_redirect(&req, "unsupported_response_type", UNSUPPORTED_RESPONSE_TYPE);
    }
    if req.code_challenge.is_some() && req.code_challenge_method.as_deref() != Some("S256") {
        // Doorkeeper names this error after its class.
        return error_redirect(&req, "invalid_code_challenge_method", CHALLENGE_METHOD);
    }
    let csrf = platform.new_token();
    lock(&platform.oauth).pending.insert(
        csrf.clone(),
        Pending {
            session_id,
            host_id: session.host.host_id,
            client_uid: client.uid.clone(),
            redirect_uri: req.redirect_uri.clone(),
            response_type: req.response_type.clone(),
            scope: req.scope.clone(),
            state: req.state.clone(),
            code_challenge: req.code_challenge.clone(),
        },
    );
    consent_page(&client.name, session.host, &csrf)
}

/// The consent page: "Allow <service> access to your account?".
fn consent_page(service: &str, host: &DemoHost, csrf: &str) -> Response {
    let service = escape(service);
    let inner = format!(
        "<h1 id=\"consent\">Allow {service} access to your account?</h1>\n\
         <p id=\"consent-detail\">{service} will be able to read your VivoMeetings meeting details.</p>\n\
         <form method=\"post\" action=\"/oauth/authorize\" id=\"consent-form\">\
         <input type=\"hidden\" name=\"authenticity_token\" value=\"{csrf}\">\
         <button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button> \
         <button type=\"submit\" name=\"decision\" value=\"authorize\" id=\"authorize\">Authorize</button>\
         </form>",
        csrf = escape(csrf)
    );
    let body = format!(
        "{}\n<main class=\"page\">{inner}</main>",
        html::platform_bar(&format!("{} (host {})", host.name, host.host_id))
    );
    html::response(
        StatusCode::OK,
        html::document("OAuth authorization required", "", "", &body),
    )
}

/// The platform login page (e-mail and password of a demo host).
fn login_page(status: StatusCode, return_to: &str, error: Option<&str>) -> Response {
    let error = error
        .map(|e| format!("<p id=\"login-error\">{}</p>\n", escape(e)))
        .unwrap_or_default();
    let inner = format!(
        "<h1 id=\"login\">Sign in to VivoMeetings</h1>\n{error}\
         <form method=\"post\" action=\"/oauth/login\" id=\"login-form\">\
         <input type=\"hidden\" name=\"return_to\" value=\"{}\">\
         <p><label>E-mail <input type=\"email\" name=\"email\" id=\"email\" autocomplete=\"username\" value=\"{email}\"></label></p>\
         <p><label>Password <input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" value=\"{password}\"></label></p>\
         <p><button type=\"submit\" id=\"sign-in\">Sign in</button></p></form>\n\
         <p class=\"muted\" id=\"demo-accounts\">Demo accounts (prefilled with the first): {accounts}</p>",
        escape(return_to),
        email = escape(DEMO_HOSTS[0].email),
        password = escape(DEMO_HOSTS[0].password),
        accounts = DEMO_HOSTS
            .iter()
            .map(|h| format!("<code>{}</code> / <code>{}</code>", escape(h.email), escape(h.password)))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let body = format!(
        "{}\n<main class=\"page\">{inner}</main>",
        html::platform_bar("not signed in")
    );
    html::response(
        status,
        html::document("Sign in · VivoMeetings", "", "", &body),
    )
}

/// `POST /oauth/login` (form): signs a demo host in, then back to
/// `return_to` (which must be a relative `/oauth/authorize` URL).
async fn login(State(platform): State<Shared>, body: Bytes) -> Response {
    let fields = to_fields(form_pairs(&body));
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or_default();
    let return_to = get("return_to");
    let return_to = if is_safe_relative(return_to) && return_to.starts_with("/oauth/authorize") {
        return_to
    } else {
        "/conf/calls/upcoming"
    };
    let host = DEMO_HOSTS
        .iter()
        .find(|h| h.email.eq_ignore_ascii_case(get("email")) && h.password == get("password"));
    match host {
        Some(host) => see_other(return_to, Some(platform.start_session(host, None))),
        None => login_page(
            StatusCode::UNAUTHORIZED,
            return_to,
            Some("Invalid Email or password."),
        ),
    }
}

/// `POST /oauth/authorize` (the consent form): `authenticity_token` and
/// `decision` (`authorize` or `deny`).
async fn decide(State(platform): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = to_fields(form_pairs(&body));
    let csrf = fields
        .get("authenticity_token")
        .cloned()
        .unwrap_or_default();
    let session_id = platform.session_with_id(&headers).map(|(id, _)| id);
    let pending = {
        let mut oauth = lock(&platform.oauth);
        match oauth.pending.get(&csrf) {
            Some(p) if Some(&p.session_id) == session_id.as_ref() => oauth.pending.remove(&csrf),
            _ => None,
        }
    };
    let Some(p) = pending else {
        return html::error_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "oauth-error",
            "Invalid authenticity token",
            "The consent form is stale or was not issued to this session.",
        );
    };
    let fragment = p.response_type == "token";
    let state = p.state.clone();
    let with_state = |mut pairs: Vec<(&'static str, String)>| {
        if let Some(s) = &state {
            pairs.push(("state", s.clone()));
        }
        pairs
    };
    let finish = |pairs: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        redirect(&with_params(&p.redirect_uri, &pairs, fragment))
    };
    if fields.get("decision").map(String::as_str) != Some("authorize") {
        return finish(with_state(vec![
            ("error", "access_denied".to_string()),
            ("error_description", ACCESS_DENIED.to_string()),
        ]));
    }
    if p.response_type == "code" {
        let code = platform.new_token();
        lock(&platform.oauth).grants.insert(
            code.clone(),
            Grant {
                client_uid: p.client_uid.clone(),
                host_id: p.host_id,
                redirect_uri: p.redirect_uri.clone(),
                scope: p.scope.clone(),
                code_challenge: p.code_challenge.clone(),
                expires: Instant::now() + CODE_LIFETIME,
                used: false,
            },
        );
        finish(with_state(vec![("code", code)]))
    } else {
        let (access, _) = lock(&platform.oauth).issue(
            || platform.new_token(),
            &p.client_uid,
            p.host_id,
            &p.scope,
            false,
        );
        finish(with_state(vec![
            ("access_token", access),
            ("token_type", "Bearer".to_string()),
            ("expires_in", ACCESS_TOKEN_SECONDS.to_string()),
            ("scope", p.scope.clone()),
        ]))
    }
}

/// A JSON answer of the token endpoint (with Doorkeeper's cache headers).
fn token_json(status: StatusCode, body: impl Serialize) -> Response {
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    // Rails' `render json:` type.
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// A token endpoint error: 401 for `invalid_client` (with
/// `WWW-Authenticate`), 400 otherwise.
fn token_error(error: &str, description: &str) -> Response {
    let status = if error == "invalid_client" {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = token_json(
        status,
        json!({"error": error, "error_description": description}),
    );
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, no-cache"),
    );
    let challenge = format!(
        "Bearer realm=\"Doorkeeper\", error=\"{error}\", error_description=\"{}\"",
        description.replace('"', "")
    );
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        headers.insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// Reads a form (or JSON) body.
fn body_fields(headers: &HeaderMap, body: &[u8]) -> BTreeMap<String, String> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
    if is_json {
        json_fields(body).unwrap_or_default()
    } else {
        to_fields(form_pairs(body))
    }
}

/// The client credentials: `(client_id, client_secret, method)` from HTTP
/// Basic or the body; `Err` when both are used.
fn credentials(
    headers: &HeaderMap,
    fields: &BTreeMap<String, String>,
) -> Result<(Option<String>, Option<String>, &'static str), ()> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("basic").then_some(rest.trim())
        })
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            let (id, secret) = text.split_once(':')?;
            let decode = |s: &str| {
                form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            Some((decode(id), decode(secret)))
        });
    let body_id = fields.get("client_id").filter(|v| !v.is_empty()).cloned();
    let body_secret = fields
        .get("client_secret")
        .filter(|v| !v.is_empty())
        .cloned();
    match basic {
        Some(_) if body_secret.is_some() => Err(()),
        Some((id, secret)) => Ok((Some(id), Some(secret).filter(|s| !s.is_empty()), "basic")),
        None if body_id.is_some() => Ok((body_id, body_secret, "body")),
        None => Ok((None, None, "none")),
    }
}

/// Authenticates a client: a confidential one needs its secret, a public
/// one its id only (a secret sent along is ignored, as Doorkeeper's
/// `by_uid_and_secret` does for non-confidential applications).
fn authenticate(oauth: &OAuthState, id: Option<&str>, secret: Option<&str>) -> Option<Client> {
    let client = oauth.client(id?)?;
    match (&client.secret, secret) {
        (Some(expected), Some(given)) if expected == given => Some(client.clone()),
        (None, _) => Some(client.clone()),
        _ => None,
    }
}

/// Logs a token request, without secrets.
fn log_request(
    oauth: &mut OAuthState,
    endpoint: &str,
    fields: &BTreeMap<String, String>,
    client_auth: &str,
    response: &Response,
) {
    let mut params = serde_json::Map::new();
    for (k, v) in fields {
        let secret = matches!(
            k.as_str(),
            "client_secret" | "code" | "code_verifier" | "refresh_token" | "token"
        );
        let value = if secret {
            Value::String(format!("[{} chars]", v.chars().count()))
        } else {
            Value::String(v.clone())
        };
        params.insert(k.clone(), value);
    }
    oauth.last.push_back(json!({
        "endpoint": endpoint,
        "params": params,
        "client_auth": client_auth,
        "status": response.status().as_u16(),
    }));
    while oauth.last.len() > LOG_KEEP {
        oauth.last.pop_front();
    }
}

/// The success body of the token endpoint, in Doorkeeper's key order.
#[derive(Debug, Serialize)]
struct TokenBody<'a> {
    access_token: &'a str,
    token_type: &'static str,
    expires_in: u64,
    refresh_token: Option<&'a str>,
    scope: &'a str,
    created_at: u64,
}

/// The success answer of the token endpoint.
fn token_success(access: &str, token: &Token) -> Response {
    let body = TokenBody {
        access_token: access,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_SECONDS,
        refresh_token: token.refresh.as_deref(),
        scope: &token.scope,
        created_at: token.created_at,
    };
    token_json(StatusCode::OK, body)
}

/// `POST /oauth/token`.
async fn token(State(platform): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = body_fields(&headers, &body);
    let grant_type = fields.get("grant_type").cloned().unwrap_or_default();
    let creds = credentials(&headers, &fields);
    let mut oauth = lock(&platform.oauth);
    let counted = if grant_type.is_empty() {
        "(none)"
    } else {
        grant_type.as_str()
    };
    *oauth.counts.entry(counted.to_string()).or_default() += 1;
    let client_auth = creds.as_ref().map(|c| c.2).unwrap_or("basic+body");
    let response = match creds {
        Err(()) => token_error("invalid_request", MULTIPLE_AUTH),
        Ok((id, secret, _)) => match grant_type.as_str() {
            "" => token_error("invalid_request", "Missing required parameter: grant_type."),
            "authorization_code" => code_grant(
                &mut oauth,
                &platform,
                &fields,
                id.as_deref(),
                secret.as_deref(),
            ),
            "refresh_token" => refresh_grant(
                &mut oauth,
                &platform,
                &fields,
                id.as_deref(),
                secret.as_deref(),
            ),
            _ => token_error("unsupported_grant_type", UNSUPPORTED_GRANT_TYPE),
        },
    };
    log_request(&mut oauth, "token", &fields, client_auth, &response);
    response
}

/// `grant_type=authorization_code`.
fn code_grant(
    oauth: &mut OAuthState,
    platform: &Shared,
    fields: &BTreeMap<String, String>,
    id: Option<&str>,
    secret: Option<&str>,
) -> Response {
    let get = |k: &str| fields.get(k).filter(|v| !v.is_empty()).cloned();
    let Some(code) = get("code") else {
        return token_error("invalid_request", "Missing required parameter: code.");
    };
    let verifier = get("code_verifier");
    let grant = oauth.grants.get(&code).cloned();
    if grant.as_ref().is_some_and(|g| g.code_challenge.is_some()) && verifier.is_none() {
        return token_error(
            "invalid_request",
            "Missing required parameter: code_verifier.",
        );
    }
    let Some(redirect_uri) = get("redirect_uri") else {
        return token_error(
            "invalid_request",
            "Missing required parameter: redirect_uri.",
        );
    };
    let Some(client) = authenticate(oauth, id, secret) else {
        return token_error("invalid_client", INVALID_CLIENT);
    };
    let Some(grant) = grant else {
        return token_error("invalid_grant", INVALID_GRANT);
    };
    if grant.used || Instant::now() >= grant.expires || grant.client_uid != client.uid {
        return token_error("invalid_grant", INVALID_GRANT);
    }
    if grant.redirect_uri != redirect_uri {
        return token_error("invalid_grant", INVALID_GRANT);
    }
    match (&grant.code_challenge, &verifier) {
        (Some(challenge), Some(verifier)) if *challenge != s256(verifier) => {
            return token_error("invalid_grant", INVALID_GRANT);
        }
        (None, Some(_)) => return token_error("invalid_grant", INVALID_GRANT),
        _ => {}
    }
    if let Some(g) = oauth.grants.get_mut(&code) {
        g.used = true;
    }
    let (access, token) = oauth.issue(
        || platform.new_token(),
        &client.uid,
        grant.host_id,
        &grant.scope,
        true,
    );
    token_success(&access, &token)
}

/// `grant_type=refresh_token`: rotates (the old pair is revoked).
fn refresh_grant(
    oauth: &mut OAuthState,
    platform: &Shared,
    fields: &BTreeMap<String, String>,
    id: Option<&str>,
    secret: Option<&str>,
) -> Response {
    let Some(refresh) = fields.get("refresh_token").filter(|v| !v.is_empty()) else {
        return token_error(
            "invalid_request",
            "Missing required parameter: refresh_token.",
        );
    };
    let Some(old_access) = oauth.refresh.get(refresh).cloned() else {
        return token_error("invalid_grant", INVALID_GRANT);
    };
    let Some(old) = oauth.tokens.get(&old_access).cloned() else {
        return token_error("invalid_grant", INVALID_GRANT);
    };
    if old.revoked {
        return token_error("invalid_grant", INVALID_GRANT);
    }
    if id.is_none() {
        // Doorkeeper: no client, so the token's client cannot match.
        return token_error("invalid_grant", INVALID_GRANT);
    }
    let Some(client) = authenticate(oauth, id, secret) else {
        return token_error("invalid_client", INVALID_CLIENT);
    };
    if client.uid != old.client_uid {
        return token_error("invalid_grant", INVALID_GRANT);
    }
    if let Some(t) = oauth.tokens.get_mut(&old_access) {
        t.revoked = true;
    }
    let (access, token) = oauth.issue(
        || platform.new_token(),
        &client.uid,
        old.host_id,
        &old.scope,
        true,
    );
    token_success(&access, &token)
}

/// base64url(SHA-256(verifier)) without padding (RFC 7636 S256).
fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier))
}

/// `POST /oauth/revoke`: 200 `{}` for an unknown token or a revoked one;
/// 403 `unauthorized_client` when the client cannot be authenticated or the
/// token belongs to another client (Doorkeeper).
async fn revoke(State(platform): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = body_fields(&headers, &body);
    let creds = credentials(&headers, &fields);
    let mut oauth = lock(&platform.oauth);
    oauth.revocations += 1;
    let client_auth = creds.as_ref().map(|c| c.2).unwrap_or("basic+body");
    let forbidden = || {
        token_json(
            StatusCode::FORBIDDEN,
            json!({"error": "unauthorized_client", "error_description": REVOKE_UNAUTHORIZED}),
        )
    };
    let client = match &creds {
        Ok((id, secret, _)) => authenticate(&oauth, id.as_deref(), secret.as_deref()),
        Err(()) => None,
    };
    let response = match client {
        None => forbidden(),
        Some(client) => {
            let given = fields.get("token").cloned().unwrap_or_default();
            let access = if oauth.tokens.contains_key(&given) {
                Some(given)
            } else {
                oauth.refresh.get(&given).cloned()
            };
            match access.and_then(|a| oauth.tokens.get_mut(&a)) {
                None => token_json(StatusCode::OK, json!({})),
                Some(t) if t.client_uid != client.uid => forbidden(),
                Some(t) => {
                    t.revoked = true;
                    token_json(StatusCode::OK, json!({}))
                }
            }
        }
    };
    log_request(&mut oauth, "revoke", &fields, client_auth, &response);
    response
}

/// A JSON answer of a control endpoint (with CORS `*`).
fn control_json(status: StatusCode, body: Value) -> Response {
    with_cors((status, Json(body)).into_response())
}

/// Body of `POST /__standin/oauth/clients`.
#[derive(Debug, serde::Deserialize)]
struct NewClient {
    name: String,
    redirect_uris: Vec<String>,
    #[serde(default = "yes")]
    confidential: bool,
}

/// serde default `true`.
fn yes() -> bool {
    true
}

/// `POST /__standin/oauth/clients`: JSON `{name, redirect_uris,
/// confidential}` → `{client_id, client_secret}` (`null` when public).
async fn register_client(State(platform): State<Shared>, body: Bytes) -> Response {
    let Ok(new) = serde_json::from_slice::<NewClient>(&body) else {
        return control_json(
            StatusCode::BAD_REQUEST,
            json!({"message": "expected {\"name\", \"redirect_uris\": [...], \"confidential\"}"}),
        );
    };
    if new.redirect_uris.is_empty()
        || new
            .redirect_uris
            .iter()
            .any(|u| origin_of(u).is_none() || u.contains('#') || u.chars().any(char::is_control))
    {
        return control_json(
            StatusCode::BAD_REQUEST,
            json!({"message": "redirect_uris must be absolute http(s) URLs without a fragment"}),
        );
    }
    let uid = platform.new_token();
    let secret = new.confidential.then(|| platform.new_token());
    lock(&platform.oauth).clients.push(Client {
        name: new.name,
        uid: uid.clone(),
        secret: secret.clone(),
        redirect_uris: new.redirect_uris,
    });
    control_json(
        StatusCode::CREATED,
        json!({"client_id": uid, "client_secret": secret}),
    )
}

/// What `GET /__standin/oauth/log` answers.
#[derive(Debug, Serialize)]
struct LogView {
    token_requests: BTreeMap<String, u64>,
    revoke_requests: u64,
    last: Vec<Value>,
}

/// `GET /__standin/oauth/log`.
async fn oauth_log(State(platform): State<Shared>) -> Response {
    let oauth = lock(&platform.oauth);
    let view = LogView {
        token_requests: oauth.counts.clone(),
        revoke_requests: oauth.revocations,
        last: oauth.last.iter().cloned().collect(),
    };
    with_cors(Json(view).into_response())
}

/// `POST /__standin/oauth/reset`: clears the log, codes, tokens and
/// pending consents (registered clients stay).
async fn oauth_reset(State(platform): State<Shared>) -> Response {
    let mut oauth = lock(&platform.oauth);
    oauth.counts.clear();
    oauth.revocations = 0;
    oauth.last.clear();
    oauth.pending.clear();
    oauth.grants.clear();
    oauth.tokens.clear();
    oauth.refresh.clear();
    with_cors(StatusCode::NO_CONTENT.into_response())
}

/// `POST /__standin/oauth/expire`: JSON `{"access_token": "…"}` expires
/// that access token, `{}` (or an empty body) every access token; the
/// refresh tokens keep working. Answers `{"expired": n}`.
async fn expire(State(platform): State<Shared>, body: Bytes) -> Response {
    let wanted = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("access_token")?.as_str().map(str::to_string));
    let mut oauth = lock(&platform.oauth);
    let mut n = 0;
    for (access, token) in oauth.tokens.iter_mut() {
        if wanted.as_deref().is_none_or(|w| w == access) && !token.forced_expired {
            token.forced_expired = true;
            n += 1;
        }
    }
    control_json(StatusCode::OK, json!({ "expired": n }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn params_go_to_query_or_fragment() {
        assert_eq!(
            with_params("http://a/cb", &[("code", "x y"), ("state", "s")], false),
            "http://a/cb?code=x+y&state=s"
        );
        assert_eq!(
            with_params("http://a/cb?k=1", &[("code", "x")], false),
            "http://a/cb?k=1&code=x"
        );
        assert_eq!(
            with_params("http://a/cb", &[("access_token", "t")], true),
            "http://a/cb#access_token=t"
        );
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("http://127.0.0.1:5173/cb?x").as_deref(),
            Some("http://127.0.0.1:5173")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("http://u@evil/"), None);
    }
}
