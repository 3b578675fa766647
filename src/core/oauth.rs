//! OAuth 2 with the platform's authorization server (handbook section 12):
//! the authorize URL, the check of the callback the browser comes back
//! with, and the bodies of the token and revoke requests.
//!
//! The platform's server is Doorkeeper. It answers the authorization code
//! flow in the callback's query (`code`, `state`) and the implicit flow in
//! its fragment (`access_token`, `token_type=Bearer`, `expires_in`,
//! `state`; no `scope`), errors as `error`, `error_description`, `state` in
//! the same place, and leaves out parameters whose value is blank. Values
//! are form-encoded (`+` for a space).
//!
//! Nothing here keeps state: the browser layer generates `state` (and the
//! PKCE verifier), stores the [`PendingRequest`] and hands it back to
//! [`check_callback`].

use super::domain::Platform;
use super::encode::{
    find_byte, find_scheme_sep, form_decode, form_encode_into, push_u64, split_at_byte, split_byte,
};
use super::error::{Error, ErrorCode, Result};
use super::meeting::is_dot_segment;

/// The scope asked for when none is given, written as the handbook writes it.
pub const DEFAULT_SCOPE: &str = "read,write";

/// How long a pending request stays valid: 10 minutes, in milliseconds.
pub const PENDING_TTL_MS: u64 = 10 * 60 * 1000;

/// How far in the future a pending request's creation time may lie (clock
/// adjustments between storing and reading it): 1 minute, in milliseconds.
pub const CLOCK_SKEW_MS: u64 = 60 * 1000;

/// The longest callback parameter value, decoded, in bytes.
pub const VALUE_MAX: usize = 4096;

/// The longest callback URL read, in bytes.
pub const CALLBACK_URL_MAX: usize = 32 * 1024;

/// The longest `redirectUri`, in bytes; with the other limits it keeps the
/// authorize URL under 8,192 characters.
pub const REDIRECT_URI_MAX: usize = 2000;

/// The longest `clientId` and `scope`, in bytes.
pub const CLIENT_ID_MAX: usize = 256;

/// The longest `clientSecret`, in bytes.
pub const CLIENT_SECRET_MAX: usize = 512;

/// The longest built URL (the library-wide limit).
const URL_MAX: usize = 8192;

/// The OAuth flow (`response_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResponseType {
    /// `code`: the authorization code grant (the handbook's default); the
    /// answer comes in the callback's query.
    Code,
    /// `token`: the implicit grant; the answer comes in the callback's fragment.
    Token,
}

impl ResponseType {
    /// The wire form: `"code"` or `"token"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponseType::Code => "code",
            ResponseType::Token => "token",
        }
    }

    /// From the wire form; anything else is `invalid_option` on `responseType`.
    pub fn parse(s: &str) -> Result<ResponseType> {
        match s {
            "code" => Ok(ResponseType::Code),
            "token" => Ok(ResponseType::Token),
            _ => Err(Error::with_value(
                ErrorCode::InvalidOption,
                "responseType",
                "must be 'code' or 'token'",
                s,
            )),
        }
    }
}

/// An authorization request (handbook 12.4), checked by [`authorize_url`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuthorizeRequest<'a> {
    /// The UID the platform gave the partner (`client_id`).
    pub client_id: &'a str,
    /// The registered callback URL (`redirect_uri`), see [`check_redirect_uri`].
    pub redirect_uri: &'a str,
    /// The flow.
    pub response_type: ResponseType,
    /// The scope, [`DEFAULT_SCOPE`] unless set, see [`check_scope`].
    pub scope: &'a str,
    /// 32 random bytes in unpadded base64url (43 characters).
    pub state: &'a str,
    /// The PKCE S256 challenge: the SHA-256 of the verifier in unpadded
    /// base64url (43 characters), or `None` without PKCE.
    pub code_challenge: Option<&'a str>,
}

impl<'a> AuthorizeRequest<'a> {
    /// A code-flow request for [`DEFAULT_SCOPE`] without PKCE.
    pub fn new(client_id: &'a str, redirect_uri: &'a str, state: &'a str) -> AuthorizeRequest<'a> {
        AuthorizeRequest {
            client_id,
            redirect_uri,
            response_type: ResponseType::Code,
            scope: DEFAULT_SCOPE,
            state,
            code_challenge: None,
        }
    }
}

/// The authorize URL: `<origin>/oauth/authorize?client_id=…&redirect_uri=…
/// &response_type=…&scope=…&state=…`, then `&code_challenge=…
/// &code_challenge_method=S256` with PKCE. Values are form-encoded as
/// `URLSearchParams` does, so the scope's `,` is written `%2C`.
///
/// ```
/// use vivomeetings_embed::core::{oauth::{authorize_url, AuthorizeRequest, ResponseType}, Platform};
/// let p = Platform::parse("acme.vivomeetings.com")?;
/// let state = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
/// let mut req = AuthorizeRequest::new("0LnnLKxGjcjU_btg6d2xD46RWmQ", "https://app.example/oauth/callback", state);
/// assert_eq!(
///     authorize_url(&p, &req)?,
///     "https://acme.vivomeetings.com/oauth/authorize?client_id=0LnnLKxGjcjU_btg6d2xD46RWmQ\
///      &redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&response_type=code\
///      &scope=read%2Cwrite&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
/// );
/// req.response_type = ResponseType::Token;
/// req.scope = "read";
/// req.code_challenge = Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// assert_eq!(
///     authorize_url(&p, &req)?,
///     "https://acme.vivomeetings.com/oauth/authorize?client_id=0LnnLKxGjcjU_btg6d2xD46RWmQ\
///      &redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&response_type=token\
///      &scope=read&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\
///      &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
/// );
/// req.client_id = "my app";
/// assert_eq!(authorize_url(&p, &req).unwrap_err().field(), Some("clientId"));
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// Errors: `invalid_option` on `clientId`, `redirectUri`, `scope`, `state`
/// or `codeChallenge`.
pub fn authorize_url(platform: &Platform, req: &AuthorizeRequest<'_>) -> Result<String> {
    check_client_id(req.client_id)?;
    check_redirect_uri(req.redirect_uri)?;
    check_scope(req.scope)?;
    check_state(req.state)?;
    if let Some(challenge) = req.code_challenge {
        check_base64url_32("codeChallenge", challenge)?;
    }
    let mut url = platform.join("/oauth/authorize");
    push_pair(&mut url, '?', "client_id", req.client_id);
    push_pair(&mut url, '&', "redirect_uri", req.redirect_uri);
    push_pair(&mut url, '&', "response_type", req.response_type.as_str());
    push_pair(&mut url, '&', "scope", req.scope);
    push_pair(&mut url, '&', "state", req.state);
    if let Some(challenge) = req.code_challenge {
        push_pair(&mut url, '&', "code_challenge", challenge);
        push_pair(&mut url, '&', "code_challenge_method", "S256");
    }
    if url.len() > URL_MAX {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            "redirectUri",
            "makes the authorize URL longer than 8192 characters",
        ));
    }
    Ok(url)
}

fn push_pair(out: &mut String, sep: char, key: &str, value: &str) {
    out.push(sep);
    out.push_str(key);
    out.push('=');
    form_encode_into(out, value);
}

/// Whether `s` is `min..=max` bytes of printable ASCII without space (0x21-0x7E).
fn is_visible_ascii(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// Checks a `clientId`: 1 to 256 printable ASCII characters, no spaces.
pub fn check_client_id(client_id: &str) -> Result<()> {
    if is_visible_ascii(client_id, 1, CLIENT_ID_MAX) {
        Ok(())
    } else {
        Err(Error::with_value(
            ErrorCode::InvalidOption,
            "clientId",
            "must be 1 to 256 printable ASCII characters without spaces",
            client_id,
        ))
    }
}

/// Checks a `scope` as RFC 6749 defines it: 1 to 256 characters, scope
/// tokens of printable ASCII other than `"` and `\`, separated by single
/// spaces (`"read,write"`, `"read write"`).
pub fn check_scope(scope: &str) -> Result<()> {
    let ok = (1..=CLIENT_ID_MAX).contains(&scope.len())
        && split_byte(scope, b' ').all(|token| {
            !token.is_empty()
                && token
                    .bytes()
                    .all(|b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::with_value(
            ErrorCode::InvalidOption,
            "scope",
            "must be 1 to 256 printable ASCII characters, words separated by single spaces, no '\"' or '\\'",
            scope,
        ))
    }
}

/// Checks a `state`: 32 bytes in unpadded base64url, so exactly 43 of
/// `[A-Za-z0-9_-]`, the last one of `AEIMQUYcgkosw048` (its unused low
/// bits zero). Errors never quote the value.
pub fn check_state(state: &str) -> Result<()> {
    check_base64url_32("state", state)
}

fn check_base64url_32(field: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let ok = b.len() == 43
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        // The last character carries 4 bits of the 32nd byte and 2 unused
        // bits that must be zero. (A match, not `contains`: no memchr in wasm.)
        && matches!(
            b.last(),
            Some(b'A' | b'E' | b'I' | b'M' | b'Q' | b'U' | b'Y' | b'c')
                | Some(b'g' | b'k' | b'o' | b's' | b'w' | b'0' | b'4' | b'8')
        );
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::InvalidOption,
            field,
            "must be 32 bytes in unpadded base64url (43 characters of A-Z a-z 0-9 - _)",
        ))
    }
}

/// An absolute http(s) URL cut into the parts the callback check compares.
struct UrlParts<'a> {
    /// The origin as browsers serialise it (lower-case host, default port
    /// left out), checked as a platform domain is: `https:`, or `http:` on a
    /// loopback host.
    origin: Platform,
    /// `/` when the URL has no path.
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// Splits `scheme://authority/path?query#fragment`, or `None`.
fn split_url(url: &str) -> Option<UrlParts<'_>> {
    let (rest, fragment) = match split_at_byte(url, b"#") {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    };
    let (rest, query) = match split_at_byte(rest, b"?") {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let authority_at = find_scheme_sep(rest)? + 3;
    let path_at =
        find_byte(rest.get(authority_at..)?, b"/").map_or(rest.len(), |i| authority_at + i);
    let (origin, path) = rest.split_at(path_at);
    Some(UrlParts {
        origin: Platform::parse(origin).ok()?,
        path: if path.is_empty() { "/" } else { path },
        query,
        fragment,
    })
}

/// Checks a `redirectUri`: at most 2,000 characters of printable ASCII
/// (percent-encode anything else) without `\`, `"`, `<`, `>`, `^`, `` ` ``,
/// `{`, `}` (browsers rewrite them); an absolute `https:` URL, or `http:` on
/// a loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`, as
/// for the domain); no user info, no fragment, no `.` or `..` path segment
/// (browsers would rewrite the path, so the callback would never match). A
/// query is allowed.
///
/// ```
/// use vivomeetings_embed::core::oauth::check_redirect_uri;
/// assert!(check_redirect_uri("https://app.example/oauth/callback?tab=2").is_ok());
/// assert!(check_redirect_uri("http://localhost:3000/callback").is_ok());
/// assert!(check_redirect_uri("http://app.example/callback").is_err());
/// assert!(check_redirect_uri("https://app.example/callback#x").is_err());
/// ```
pub fn check_redirect_uri(uri: &str) -> Result<()> {
    let ok = (1..=REDIRECT_URI_MAX).contains(&uri.len())
        && uri.bytes().all(|b| (0x21..=0x7e).contains(&b))
        && find_byte(uri, b"\\\"<>^`{}#").is_none()
        && split_url(uri).is_some_and(|parts| !split_byte(parts.path, b'/').any(is_dot_segment));
    if ok {
        return Ok(());
    }
    Err(Error::with_value(
        ErrorCode::InvalidOption,
        "redirectUri",
        "must be an absolute https: URL (http: on loopback) of printable ASCII, without a fragment, '.' or '..' segments, '\\', '\"', '<', '>', '^', '`', '{' or '}'",
        uri,
    ))
}

/// The authorization request as the browser layer stored it, read back
/// when the callback arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingRequest<'a> {
    /// The flow that was asked for; it decides where the answer is read.
    pub response_type: ResponseType,
    /// The `state` that was sent (see [`check_state`]).
    pub state: &'a str,
    /// The `redirect_uri` that was sent (see [`check_redirect_uri`]).
    pub redirect_uri: &'a str,
    /// When the request was made, in milliseconds since the Unix epoch.
    pub created_at_ms: u64,
}

/// What a valid callback says.
#[derive(Clone, PartialEq, Eq)]
pub enum CallbackOutcome {
    /// The code flow succeeded: exchange `code` for tokens on a server.
    Code {
        /// The authorization code.
        code: String,
    },
    /// The implicit flow succeeded.
    Token {
        /// The access token, for `Authorization: Bearer …`.
        access_token: String,
        /// Always `"Bearer"`.
        token_type: String,
        /// The token's lifetime in seconds; `None` when the platform sent
        /// none (its tokens then do not expire).
        expires_in: Option<u64>,
        /// `now_ms + expires_in * 1000`, or `None` without `expires_in`.
        expires_at_ms: Option<u64>,
        /// The granted scope when the platform sent one (Doorkeeper's
        /// implicit answer has none: the requested scope applies then).
        scope: Option<String>,
    },
    /// The user denied access, or the platform refused the request: the
    /// browser layer turns this into an `oauth_error` error carrying
    /// `oauthError` and `oauthErrorDescription`.
    Denied {
        /// The OAuth error code, e.g. `access_denied`.
        error: String,
        /// The platform's description, when given.
        error_description: Option<String>,
    },
}

/// Hides the code and the token.
impl ::core::fmt::Debug for CallbackOutcome {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            CallbackOutcome::Code { .. } => f.write_str("Code { code: *** }"),
            CallbackOutcome::Token {
                expires_in, scope, ..
            } => f
                .debug_struct("Token")
                .field("access_token", &"***")
                .field("expires_in", expires_in)
                .field("scope", scope)
                .finish(),
            CallbackOutcome::Denied {
                error,
                error_description,
            } => f
                .debug_struct("Denied")
                .field("error", error)
                .field("error_description", error_description)
                .finish(),
        }
    }
}

/// The OAuth response parameters a callback is read for. A repeat of any of
/// them is refused; all of them leave the address bar (see
/// [`callback_url_without_oauth_params`]).
const PARAMS: [&str; 11] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "refresh_token",
];
const CODE: usize = 0;
const STATE: usize = 1;
const ERROR: usize = 2;
const ERROR_DESCRIPTION: usize = 3;
const ACCESS_TOKEN: usize = 6;
const TOKEN_TYPE: usize = 7;
const EXPIRES_IN: usize = 8;
const SCOPE: usize = 9;

/// The raw (still form-encoded) values of the [`PARAMS`] in a query or
/// fragment, by index; `None` for a parameter not given.
type Params<'a> = [Option<&'a str>; PARAMS.len()];

/// The index in [`PARAMS`] of a raw (still encoded) key.
fn param_index(raw_key: &str) -> Option<usize> {
    // The longest key fully percent-encoded is 17 * 3 bytes.
    if raw_key.len() > 64 {
        return None;
    }
    let key = form_decode(raw_key)?;
    PARAMS.iter().position(|&p| p == key)
}

fn callback_error(detail: &str) -> Error {
    Error::new(ErrorCode::OauthState, "url", detail)
}

/// `oauth_state` on `url`: "the parameter '<name>' <detail>".
fn param_error(i: usize, detail: &str) -> Error {
    let name = PARAMS.get(i).copied().unwrap_or_default();
    let mut d = String::with_capacity(name.len() + detail.len() + 16);
    d.push_str("the parameter '");
    d.push_str(name);
    d.push_str("' ");
    d.push_str(detail);
    callback_error(&d)
}

/// A raw value form-decoded: `None` when it is not UTF-8 or longer than
/// 4096 bytes (encoded or decoded).
fn decode(raw: &str) -> Option<String> {
    if raw.len() > VALUE_MAX * 3 {
        return None;
    }
    form_decode(raw).filter(|v| v.len() <= VALUE_MAX)
}

/// Reads the OAuth parameters of a query or fragment, each checked to
/// decode; values are never quoted in errors.
fn read_params(part: &str) -> Result<Params<'_>> {
    let mut params: Params<'_> = [None; PARAMS.len()];
    for pair in split_byte(part, b'&') {
        let (key, value) = split_at_byte(pair, b"=").unwrap_or((pair, ""));
        let Some(i) = param_index(key) else { continue };
        let Some(slot) = params.get_mut(i) else {
            continue;
        };
        if slot.replace(value).is_some() {
            return Err(param_error(i, "appears more than once"));
        }
        if decode(value).is_none() {
            return Err(param_error(i, "is not UTF-8 or is longer than 4096 bytes"));
        }
    }
    Ok(params)
}

/// A parameter's decoded value; an empty value counts as absent
/// (Doorkeeper never sends blank values).
fn value(params: &Params<'_>, i: usize) -> Option<String> {
    decode(params.get(i).copied().flatten()?).filter(|v| !v.is_empty())
}

/// A parameter's decoded value, required to be 1 to 4096 bytes of
/// printable ASCII.
fn visible(params: &Params<'_>, i: usize) -> Result<String> {
    value(params, i)
        .filter(|v| is_visible_ascii(v, 1, VALUE_MAX))
        .ok_or_else(|| param_error(i, "is missing or not printable ASCII"))
}

/// Refuses the parameter `i`, which the flow must not carry.
fn refuse(params: &Params<'_>, i: usize, detail: &str) -> Result<()> {
    match params.get(i) {
        Some(Some(_)) => Err(param_error(i, detail)),
        _ => Ok(()),
    }
}

/// Whether `a == b`, in time that depends only on the lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y));
    ::core::hint::black_box(diff) == 0
}

/// Checks the callback URL (`location.href`) against the pending request at
/// `now_ms`, in this order:
///
/// 1. the URL is at most 32 KiB and its origin and path equal the
///    `redirect_uri`'s (origins compared as browsers serialise them, an
///    empty path as `/`), else `oauth_state`;
/// 2. only the query (code flow) or only the fragment (token flow) is read;
///    an OAuth parameter (`code`, `state`, `error`, `error_description`,
///    `error_uri`, `iss`, `access_token`, `token_type`, `expires_in`,
///    `scope`, `refresh_token`) given twice, not UTF-8 once form-decoded,
///    or longer than 4096 bytes is `oauth_state`; other parameters are
///    ignored, and an empty value counts as absent;
/// 3. `state` missing or different (compared in constant time), or the
///    request made more than 10 minutes ago (or more than 1 minute in the
///    future) is `oauth_state` on `state`;
/// 4. an `error` gives [`CallbackOutcome::Denied`];
/// 5. code flow: a `code` of 1 to 4096 printable ASCII characters gives
///    [`CallbackOutcome::Code`]; an `access_token` in the query (with or
///    without a code) or no code is `oauth_state`;
/// 6. token flow: an `access_token` of printable ASCII, `token_type`
///    `Bearer` (any case), `expires_in` absent or 1 to 12 digits, give
///    [`CallbackOutcome::Token`]; a `code` in the fragment, or anything
///    else missing or malformed, is `oauth_state`.
///
/// A pending request whose `state` or `redirect_uri` is not valid is
/// `invalid_option`. No error quotes a value of the callback.
///
/// ```
/// use vivomeetings_embed::core::oauth::{check_callback, CallbackOutcome, PendingRequest, ResponseType};
/// let state = "c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA";
/// let pending = PendingRequest {
///     response_type: ResponseType::Code,
///     state,
///     redirect_uri: "https://app.example/callback",
///     created_at_ms: 1_000,
/// };
/// let url = "https://app.example/callback?code=Jx8d2&state=c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA";
/// assert_eq!(check_callback(url, &pending, 2_000)?, CallbackOutcome::Code { code: "Jx8d2".into() });
/// let url = "https://app.example/callback?code=Jx8d2&state=other";
/// assert_eq!(check_callback(url, &pending, 2_000).unwrap_err().code().as_str(), "oauth_state");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn check_callback(
    url: &str,
    pending: &PendingRequest<'_>,
    now_ms: u64,
) -> Result<CallbackOutcome> {
    check_state(pending.state)?;
    check_redirect_uri(pending.redirect_uri)?;
    // check_redirect_uri split it already.
    let expected =
        split_url(pending.redirect_uri).ok_or_else(|| callback_error("is not an http(s) URL"))?;
    if url.len() > CALLBACK_URL_MAX {
        return Err(callback_error("is longer than 32 KiB"));
    }
    let got = split_url(url).ok_or_else(|| callback_error("is not an http(s) URL"))?;
    if got.origin != expected.origin || got.path != expected.path {
        return Err(callback_error(
            "is not on the redirect URI (origin and path differ)",
        ));
    }
    let part = match pending.response_type {
        ResponseType::Code => got.query,
        ResponseType::Token => got.fragment,
    };
    let params = read_params(part.unwrap_or(""))?;

    let state_matches = value(&params, STATE)
        .is_some_and(|s| constant_time_eq(s.as_bytes(), pending.state.as_bytes()));
    if !state_matches {
        return Err(Error::new(
            ErrorCode::OauthState,
            "state",
            "is missing from the callback or does not match the pending request",
        ));
    }
    let age_ok = now_ms.saturating_add(CLOCK_SKEW_MS) >= pending.created_at_ms
        && now_ms.saturating_sub(pending.created_at_ms) <= PENDING_TTL_MS;
    if !age_ok {
        return Err(Error::new(
            ErrorCode::OauthState,
            "state",
            "belongs to a request made more than 10 minutes ago",
        ));
    }

    if let Some(error) = value(&params, ERROR) {
        return Ok(CallbackOutcome::Denied {
            error,
            error_description: value(&params, ERROR_DESCRIPTION),
        });
    }

    if pending.response_type == ResponseType::Code {
        refuse(&params, ACCESS_TOKEN, "must not be in a code-flow callback")?;
        return Ok(CallbackOutcome::Code {
            code: visible(&params, CODE)?,
        });
    }
    refuse(&params, CODE, "must not be in a token-flow callback")?;
    let access_token = visible(&params, ACCESS_TOKEN)?;
    if !value(&params, TOKEN_TYPE).is_some_and(|t| t.eq_ignore_ascii_case("bearer")) {
        return Err(param_error(TOKEN_TYPE, "is missing or not 'Bearer'"));
    }
    let expires_in = match value(&params, EXPIRES_IN) {
        None => None,
        Some(s) => Some(
            parse_seconds(&s)
                .ok_or_else(|| param_error(EXPIRES_IN, "is not a number of seconds"))?,
        ),
    };
    Ok(CallbackOutcome::Token {
        access_token,
        token_type: "Bearer".to_owned(),
        expires_in,
        // Under 10^12 seconds: the product cannot overflow.
        expires_at_ms: expires_in.map(|s| now_ms.saturating_add(s * 1000)),
        scope: value(&params, SCOPE),
    })
}

/// 1 to 12 ASCII digits (under 32,000 years, so `expires_at_ms` stays a
/// number JS holds exactly).
fn parse_seconds(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// The callback URL without its OAuth answer, for `history.replaceState`,
/// so that no code or token stays in the address bar (or its history), even
/// one the check refused because it came in the wrong place:
///
/// - the query loses every OAuth parameter of the callback but `scope` (a
///   query's `scope` may be the page's own): `code`, `state`, `error`,
///   `error_description`, `error_uri`, `iss`, `access_token`, `token_type`,
///   `expires_in` and `refresh_token`, keys compared form-decoded; the `?`
///   goes when nothing is left, and the other pairs stay byte for byte;
/// - the fragment goes, with its `#`, in the token flow, when the flow is
///   not known (`None`: no pending request), or when it carries any OAuth
///   parameter; else it stays (a code-flow page's own `#/route`).
///
/// A URL with nothing to remove comes back unchanged.
///
/// ```
/// use vivomeetings_embed::core::oauth::{callback_url_without_oauth_params, ResponseType};
/// let code = Some(ResponseType::Code);
/// assert_eq!(
///     callback_url_without_oauth_params("https://app.example/cb?tab=2&code=x&state=y#top", code),
///     "https://app.example/cb?tab=2#top"
/// );
/// assert_eq!(
///     callback_url_without_oauth_params("https://app.example/cb?code=x&state=y", code),
///     "https://app.example/cb"
/// );
/// assert_eq!(
///     callback_url_without_oauth_params("https://app.example/cb?tab=2#access_token=t&state=y", code),
///     "https://app.example/cb?tab=2"
/// );
/// assert_eq!(
///     callback_url_without_oauth_params("https://app.example/cb?tab=2#top", Some(ResponseType::Token)),
///     "https://app.example/cb?tab=2"
/// );
/// ```
pub fn callback_url_without_oauth_params(url: &str, response_type: Option<ResponseType>) -> String {
    let (before, fragment) = match split_at_byte(url, b"#") {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (url, None),
    };
    let key = |pair: &str| param_index(split_at_byte(pair, b"=").map_or(pair, |(k, _)| k));
    let in_query = |pair: &str| key(pair).is_some_and(|i| i != SCOPE);
    let mut out = String::with_capacity(url.len());
    match split_at_byte(before, b"?") {
        Some((base, query)) if split_byte(query, b'&').any(in_query) => {
            out.push_str(base);
            let mut sep = '?';
            for pair in split_byte(query, b'&') {
                if !pair.is_empty() && !in_query(pair) {
                    out.push(sep);
                    out.push_str(pair);
                    sep = '&';
                }
            }
        }
        _ => out.push_str(before),
    }
    if let Some(fragment) = fragment {
        let keep = response_type == Some(ResponseType::Code)
            && !split_byte(fragment, b'&').any(|pair| key(pair).is_some());
        if keep {
            out.push('#');
            out.push_str(fragment);
        }
    }
    out
}

/// The token endpoint: `<origin>/oauth/token`.
pub fn token_url(platform: &Platform) -> String {
    platform.join("/oauth/token")
}

/// The revocation endpoint: `<origin>/oauth/revoke`.
pub fn revoke_url(platform: &Platform) -> String {
    platform.join("/oauth/revoke")
}

/// Checks an access token before it is sent as `Authorization: Bearer …`:
/// 1 to 4096 printable ASCII characters without spaces (what a header
/// value can carry as it is). The error never quotes the token.
///
/// ```
/// use vivomeetings_embed::core::oauth::check_access_token;
/// assert!(check_access_token("09ba487fc3df").is_ok());
/// assert_eq!(check_access_token("a b").unwrap_err().field(), Some("accessToken"));
/// ```
pub fn check_access_token(token: &str) -> Result<()> {
    check_secret("accessToken", token, VALUE_MAX)
}

/// Checks a secret or a token value: `min..=max` printable ASCII without
/// spaces. The error never quotes the value.
fn check_secret(field: &str, value: &str, max: usize) -> Result<()> {
    if value.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            field,
            "must not be empty",
        ));
    }
    if is_visible_ascii(value, 1, max) {
        return Ok(());
    }
    let mut detail = String::from("must be at most ");
    push_u64(&mut detail, max as u64);
    detail.push_str(" printable ASCII characters without spaces");
    Err(Error::new(ErrorCode::InvalidOption, field, &detail))
}

/// The client credentials every token call starts with.
fn client_body(grant_type: Option<&str>, client_id: &str, client_secret: &str) -> Result<String> {
    check_client_id(client_id)?;
    check_secret("clientSecret", client_secret, CLIENT_SECRET_MAX)?;
    let mut body = String::with_capacity(256);
    if let Some(grant_type) = grant_type {
        body.push_str("grant_type=");
        body.push_str(grant_type);
        body.push('&');
    }
    body.push_str("client_id=");
    form_encode_into(&mut body, client_id);
    push_pair(&mut body, '&', "client_secret", client_secret);
    Ok(body)
}

/// The `application/x-www-form-urlencoded` body exchanging an authorization
/// code at [`token_url`]: `grant_type=authorization_code&client_id=…
/// &client_secret=…&code=…&redirect_uri=…[&code_verifier=…]`.
///
/// ```
/// use vivomeetings_embed::core::oauth::authorization_code_body;
/// assert_eq!(
///     authorization_code_body("app1", "s3cr+t", "Jx8d2", "https://app.example/cb", None)?,
///     "grant_type=authorization_code&client_id=app1&client_secret=s3cr%2Bt&code=Jx8d2\
///      &redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
/// );
/// let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// assert!(authorization_code_body("app1", "s", "c", "https://app.example/cb", Some(verifier))?
///     .ends_with("&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// Errors (`invalid_option`, never quoting a secret): `clientId` as in
/// [`check_client_id`]; `clientSecret` 1 to 512 and `code` 1 to 4096
/// printable ASCII characters without spaces; `redirectUri` as in
/// [`check_redirect_uri`]; `codeVerifier` 43 to 128 of
/// `[A-Za-z0-9-._~]` (RFC 7636).
pub fn authorization_code_body(
    client_id: &str,
    client_secret: &str,
    code: &str,
    redirect_uri: &str,
    code_verifier: Option<&str>,
) -> Result<String> {
    let mut body = client_body(Some("authorization_code"), client_id, client_secret)?;
    check_secret("code", code, VALUE_MAX)?;
    check_redirect_uri(redirect_uri)?;
    push_pair(&mut body, '&', "code", code);
    push_pair(&mut body, '&', "redirect_uri", redirect_uri);
    if let Some(verifier) = code_verifier {
        let ok = (43..=128).contains(&verifier.len())
            && verifier
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
        if !ok {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                "codeVerifier",
                "must be 43 to 128 of A-Z a-z 0-9 - . _ ~",
            ));
        }
        push_pair(&mut body, '&', "code_verifier", verifier);
    }
    Ok(body)
}

/// The body asking [`token_url`] for a new access token:
/// `grant_type=refresh_token&client_id=…&client_secret=…&refresh_token=…`.
///
/// ```
/// use vivomeetings_embed::core::oauth::refresh_token_body;
/// assert_eq!(
///     refresh_token_body("app1", "secret", "r/1=")?,
///     "grant_type=refresh_token&client_id=app1&client_secret=secret&refresh_token=r%2F1%3D"
/// );
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// Errors: as [`authorization_code_body`]; `refreshToken` 1 to 4096
/// printable ASCII characters without spaces.
pub fn refresh_token_body(
    client_id: &str,
    client_secret: &str,
    refresh_token: &str,
) -> Result<String> {
    let mut body = client_body(Some("refresh_token"), client_id, client_secret)?;
    check_secret("refreshToken", refresh_token, VALUE_MAX)?;
    push_pair(&mut body, '&', "refresh_token", refresh_token);
    Ok(body)
}

/// The body revoking an access or refresh token at [`revoke_url`]:
/// `client_id=…&client_secret=…&token=…`.
///
/// ```
/// use vivomeetings_embed::core::oauth::revoke_body;
/// assert_eq!(revoke_body("app1", "secret", "t0k")?, "client_id=app1&client_secret=secret&token=t0k");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// Errors: as [`authorization_code_body`]; `token` 1 to 4096 printable
/// ASCII characters without spaces.
pub fn revoke_body(client_id: &str, client_secret: &str, token: &str) -> Result<String> {
    let mut body = client_body(None, client_id, client_secret)?;
    check_secret("token", token, VALUE_MAX)?;
    push_pair(&mut body, '&', "token", token);
    Ok(body)
}

#[cfg(test)]
mod tests;

/// Tokens from the token endpoint (handbook 12.6.1 and 12.7.2).
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSet {
    /// The access token, for `Authorization: Bearer …`.
    pub access_token: String,
    /// The refresh token, when the platform issued one.
    pub refresh_token: Option<String>,
    /// Always `"Bearer"`.
    pub token_type: String,
    /// `now_ms + expires_in * 1000`, or `None` when the platform sent no lifetime.
    pub expires_at_ms: Option<u64>,
    /// The granted scope, when the platform said.
    pub scope: Option<String>,
}

/// Hides the tokens.
impl ::core::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("TokenSet { access_token: ***, refresh_token: *** }")
    }
}

/// What the token endpoint answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenAnswer {
    /// New tokens.
    Tokens(TokenSet),
    /// An OAuth error (`invalid_grant`, `invalid_client`, …), which the JS
    /// layer turns into an `oauth_error` error carrying `oauthError` and
    /// `oauthErrorDescription`.
    Denied {
        /// The OAuth error code.
        error: String,
        /// The platform's description, when given.
        error_description: Option<String>,
    },
}

/// Reads the token endpoint's JSON answer, as Doorkeeper writes it:
/// `{"access_token","token_type":"Bearer","expires_in","refresh_token","scope","created_at"}`,
/// or `{"error","error_description"}`. Anything else is `network_error`
/// (the answer is not what an OAuth server sends); no token is ever quoted.
///
/// ```
/// use vivomeetings_embed::core::oauth::{parse_token_response, TokenAnswer};
/// let body = r#"{"access_token":"at1","token_type":"Bearer","expires_in":7200,"refresh_token":"rt1","scope":"read write","created_at":1700000000}"#;
/// let TokenAnswer::Tokens(t) = parse_token_response(body, 1_000)? else { unreachable!() };
/// assert_eq!((t.access_token.as_str(), t.refresh_token.as_deref()), ("at1", Some("rt1")));
/// assert_eq!(t.expires_at_ms, Some(7_201_000));
/// let denied = parse_token_response(r#"{"error":"invalid_grant","error_description":"The provided authorization grant is invalid."}"#, 0)?;
/// assert!(matches!(denied, TokenAnswer::Denied { error, .. } if error == "invalid_grant"));
/// assert_eq!(parse_token_response("<html>", 0).unwrap_err().code().as_str(), "network_error");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn parse_token_response(body: &str, now_ms: u64) -> Result<TokenAnswer> {
    use super::json::{self, Json};
    let bad = |detail: &str| Error::new(ErrorCode::NetworkError, "", detail);
    let answer =
        json::parse_str(body).map_err(|_| bad("the token endpoint did not answer JSON"))?;
    if answer.as_object().is_none() {
        return Err(bad("the token endpoint did not answer a JSON object"));
    }
    let text = |key: &str| answer.get(key).and_then(Json::as_str);
    if let Some(error) = answer.get("error") {
        let error = error
            .as_str()
            .filter(|e| is_visible_ascii(e, 1, 256))
            .ok_or_else(|| bad("the token endpoint answered a malformed error"))?;
        return Ok(TokenAnswer::Denied {
            error: error.to_owned(),
            error_description: text("error_description").map(|d| d.chars().take(512).collect()),
        });
    }
    let token = |key: &str| -> Result<Option<String>> {
        match answer.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(v) => match v.as_str() {
                Some(t) if is_visible_ascii(t, 1, VALUE_MAX) => Ok(Some(t.to_owned())),
                _ => {
                    let mut detail = String::from("the token endpoint answered a malformed ");
                    detail.push_str(key);
                    Err(bad(&detail))
                }
            },
        }
    };
    let access_token =
        token("access_token")?.ok_or_else(|| bad("the token endpoint answered no access_token"))?;
    if !text("token_type").is_some_and(|t| t.eq_ignore_ascii_case("bearer")) {
        return Err(bad(
            "the token endpoint answered a token_type other than Bearer",
        ));
    }
    let expires_at_ms = match answer.get("expires_in") {
        None | Some(Json::Null) => None,
        Some(v) => {
            let seconds = v
                .as_number()
                .and_then(|n| n.as_id())
                .ok_or_else(|| bad("the token endpoint answered a malformed expires_in"))?;
            Some(now_ms.saturating_add(seconds.saturating_mul(1000)))
        }
    };
    Ok(TokenAnswer::Tokens(TokenSet {
        access_token,
        refresh_token: token("refresh_token")?,
        token_type: "Bearer".into(),
        expires_at_ms,
        scope: text("scope").map(|s| s.chars().take(VALUE_MAX).collect()),
    }))
}
