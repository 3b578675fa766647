//! Signing hosts in on their behalf (handbook section 10), validated so that
//! no token lands in a URL by accident and no redirect leaves the platform
//! unless the partner allows it.

use super::domain::{Authority, Platform};
use super::encode::{
    find_byte, form_encode_into, has_space_or_control, parse_u64, push_ascii, push_u64,
    split_at_byte, starts_byte,
};
use super::error::{Error, ErrorCode, Result};
use super::meeting::{check_relative, too_long, URL_MAX};

/// The largest host id: 2^53 - 1, the largest integer a JS number holds exactly.
pub const HOST_ID_MAX: u64 = (1 << 53) - 1;

/// A validated host id (`host_id`): an integer from 1 to 2^53 - 1.
///
/// ```
/// use vivomeetings_embed::core::HostId;
/// assert_eq!(HostId::parse("8")?.get(), 8);
/// assert_eq!(HostId::parse("08").unwrap_err().code().as_str(), "invalid_host_id");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// With the `serde` feature it is a number, deserialized through [`HostId::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "u64", into = "u64")
)]
pub struct HostId(u64);

impl TryFrom<u64> for HostId {
    type Error = Error;

    /// [`HostId::new`].
    fn try_from(id: u64) -> Result<HostId> {
        HostId::new(id)
    }
}

impl From<HostId> for u64 {
    /// The id.
    fn from(id: HostId) -> u64 {
        id.0
    }
}

impl HostId {
    /// From a string of ASCII digits with no sign, no leading zero and no whitespace.
    pub fn parse(s: &str) -> Result<HostId> {
        // At most 16 digits (2^53 - 1 has 16), none leading zero; anything
        // else reads as 0, which `new` refuses.
        let n = if s.len() <= 16 && !starts_byte(s, b'0') {
            parse_u64(s).unwrap_or(0)
        } else {
            0
        };
        HostId::new(n)
            .map_err(|_| Error::with_value(ErrorCode::InvalidHostId, "hostId", HOST_ID_DETAIL, s))
    }

    /// From an integer; `invalid_host_id` unless it is in 1..=2^53-1.
    pub fn new(id: u64) -> Result<HostId> {
        if (1..=HOST_ID_MAX).contains(&id) {
            Ok(HostId(id))
        } else {
            Err(Error::new(
                ErrorCode::InvalidHostId,
                "hostId",
                HOST_ID_DETAIL,
            ))
        }
    }

    /// The id.
    pub fn get(self) -> u64 {
        self.0
    }
}

const HOST_ID_DETAIL: &str = "must be a positive integer, or its digits without a leading zero";

/// A validated `login_token_public_key`: 1 to 512 printable ASCII characters.
///
/// Its `Debug` form hides the value, so it never lands in logs. With the
/// `serde` feature it is a string, deserialized through [`LoginToken::parse`]
/// (and serialized in clear: only serialize it where the token may go).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "String", into = "String")
)]
pub struct LoginToken(String);

impl TryFrom<String> for LoginToken {
    type Error = Error;

    /// [`LoginToken::parse`].
    fn try_from(token: String) -> Result<LoginToken> {
        LoginToken::parse(&token)
    }
}

impl From<LoginToken> for String {
    /// The token itself.
    fn from(token: LoginToken) -> String {
        token.0
    }
}

impl LoginToken {
    /// Validates the token. The error message never quotes it.
    pub fn parse(token: &str) -> Result<LoginToken> {
        let ok = !token.is_empty()
            && token.len() <= 512
            && token.bytes().all(|b| (0x21..=0x7e).contains(&b));
        if ok {
            Ok(LoginToken(token.to_owned()))
        } else {
            Err(Error::new(
                ErrorCode::InvalidToken,
                "loginTokenPublicKey",
                "must be 1 to 512 printable ASCII characters",
            ))
        }
    }

    /// The token itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl ::core::fmt::Debug for LoginToken {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("LoginToken(***)")
    }
}

/// Where an absolute URL may point.
enum Reach<'a> {
    /// Only the platform's own origin (`redirect_url`).
    Platform,
    /// Any http(s) host, or only these hosts when given (`after_call_url`).
    Anywhere(Option<&'a [String]>),
}

/// Checks a redirect target. Relative targets start with exactly one `/`.
/// Absolute ones are parsed the way browsers parse them: no control
/// characters, spaces or backslashes anywhere (browsers strip or rewrite
/// them, which is how `java\tscript:` and `/\evil` tricks work), scheme
/// compared case-insensitively, no user info, host normalised.
fn check_redirect(platform: &Platform, field: &str, url: &str, reach: Reach<'_>) -> Result<()> {
    // Every refusal quotes the URL: one error built here, from the detail.
    redirect_detail(platform, url, reach)
        .map_err(|d| Error::with_value(ErrorCode::UnsafeRedirect, field, d, url))
}

/// [`check_redirect`]'s checks; the error is the detail of the refusal.
fn redirect_detail(
    platform: &Platform,
    url: &str,
    reach: Reach<'_>,
) -> ::core::result::Result<(), &'static str> {
    const NOT_HTTP: &str = "must start with '/' or be an absolute http(s) URL";
    if starts_byte(url, b'/') {
        return check_relative(url);
    }
    if has_space_or_control(url) || find_byte(url, b"\\").is_some() {
        return Err("must not contain spaces, '\\' or control characters");
    }
    let (scheme, rest) = split_at_byte(url, b":").ok_or(NOT_HTTP)?;
    let secure = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return Err(NOT_HTTP);
    };
    let rest = rest
        .strip_prefix("//")
        .ok_or("must be written as http(s)://host/…")?;
    let end = find_byte(rest, b"/?#").unwrap_or(rest.len());
    let authority = Authority::parse(&rest[..end])?;
    match reach {
        Reach::Platform => {
            if authority.origin(secure) != platform.origin() {
                return Err("must be relative or on the platform's origin");
            }
        }
        Reach::Anywhere(Some(hosts)) => {
            if !hosts
                .iter()
                .any(|h| h.eq_ignore_ascii_case(&authority.host))
            {
                return Err("host is not in afterCallHosts");
            }
        }
        Reach::Anywhere(None) => {}
    }
    Ok(())
}

/// Checks a `redirect_url`: relative to the platform, or absolute on its origin.
///
/// ```
/// use vivomeetings_embed::core::{sso::check_redirect_url, Platform};
/// let p = Platform::parse("acme.vivomeetings.com")?;
/// assert!(check_redirect_url(&p, "/conf/calls/upcoming").is_ok());
/// assert!(check_redirect_url(&p, "https://acme.vivomeetings.com/conf/create").is_ok());
/// assert_eq!(check_redirect_url(&p, "//evil.example").unwrap_err().code().as_str(), "unsafe_redirect");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn check_redirect_url(platform: &Platform, url: &str) -> Result<()> {
    check_redirect(platform, "redirectUrl", url, Reach::Platform)
}

/// Checks an `after_call_url`: relative to the platform, or an absolute
/// `http:`/`https:` URL anywhere (the handbook allows off-domain targets),
/// limited to `hosts` when given.
pub fn check_after_call_url(
    platform: &Platform,
    url: &str,
    hosts: Option<&[String]>,
) -> Result<()> {
    if let Some(hosts) = hosts {
        check_hosts(hosts)?;
    }
    check_redirect(platform, "afterCallUrl", url, Reach::Anywhere(hosts))
}

/// Each `afterCallHosts` entry must be a host name or address as
/// `Authority` reads it (no `''`, `'*'`, scheme, path or port).
fn check_hosts(hosts: &[String]) -> Result<()> {
    for (i, host) in hosts.iter().enumerate() {
        let ok = !host.is_empty()
            && find_byte(host, b":/?#@*").is_none()
            && Authority::parse(host).is_ok_and(|a| a.port.is_none());
        if !ok {
            let mut field = String::from("afterCallHosts[");
            super::encode::push_index(&mut field, i);
            super::encode::push_ascii(&mut field, b']');
            return Err(Error::with_value(
                ErrorCode::InvalidOption,
                &field,
                "must be a host name, e.g. 'partner.example'",
                host,
            ));
        }
    }
    Ok(())
}

/// A sign-in request as a partner describes it, before it is checked: what
/// the JS API's options and a Rust partner's own form give. `None` means
/// "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInParts<'a> {
    /// `host_id`, as text (an integer from 1 to 2^53 - 1).
    pub host_id: Option<&'a str>,
    /// `login_token_public_key`.
    pub login_token_public_key: Option<&'a str>,
    /// `redirect_url` as given (`redirectUrl`).
    pub redirect_url: Option<&'a str>,
    /// `redirect_url` built from a room (`redirectTo`, see [`crate::core::room_path`]).
    pub redirect_to: Option<&'a str>,
    /// `after_call_url`.
    pub after_call_url: Option<&'a str>,
    /// The only hosts an absolute `after_call_url` may point to.
    pub after_call_hosts: Option<&'a [String]>,
}

/// A validated sign-in request (handbook 10.1 and 10.2).
///
/// ```
/// use vivomeetings_embed::core::{HostId, LoginToken, Platform, SignIn};
/// let p = Platform::parse("acme.vivomeetings.com")?;
/// let req = SignIn::new(&p, HostId::new(8)?, LoginToken::parse("a1b2c3d4e5f6")?, "/conf/calls/upcoming")?
///     .after_call_url("https://en.wikipedia.org", None)?;
/// assert_eq!(req.action(), "https://acme.vivomeetings.com/auth");
/// assert_eq!(
///     req.get_url(),
///     "https://acme.vivomeetings.com/auth?host_id=8&login_token_public_key=a1b2c3d4e5f6\
///      &redirect_url=%2Fconf%2Fcalls%2Fupcoming&after_call_url=https%3A%2F%2Fen.wikipedia.org"
/// );
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// With the `serde` feature it is `{"platform", "hostId", "loginToken",
/// "redirectUrl", "afterCallUrl"?}`, deserialized through [`SignIn::new`]
/// and [`SignIn::after_call_url`] (with no host allow-list).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "SignInWire", into = "SignInWire")
)]
pub struct SignIn {
    action: String,
    platform: Platform,
    host_id: HostId,
    token: LoginToken,
    redirect_url: String,
    after_call_url: Option<String>,
}

impl SignIn {
    /// Checks a request as a partner describes it: both credentials, exactly
    /// one of `redirect_url` and `redirect_to`, `after_call_hosts` only with
    /// an `after_call_url`.
    ///
    /// ```
    /// use vivomeetings_embed::core::{Platform, SignIn, SignInParts};
    /// let p = Platform::parse("acme.vivomeetings.com")?;
    /// let parts = SignInParts {
    ///     host_id: Some("8"),
    ///     login_token_public_key: Some("a1b2c3d4e5f6"),
    ///     redirect_to: Some("/conf/call/123456?skip_join=true"),
    ///     ..SignInParts::default()
    /// };
    /// assert_eq!(
    ///     SignIn::from_parts(&p, &parts)?.get_url(),
    ///     "https://acme.vivomeetings.com/auth?host_id=8&login_token_public_key=a1b2c3d4e5f6\
    ///      &redirect_url=%2Fconf%2Fcall%2F123456%3Fskip_join%3Dtrue"
    /// );
    /// let both = SignInParts { redirect_url: Some("/conf/calls/upcoming"), ..parts };
    /// assert_eq!(SignIn::from_parts(&p, &both).unwrap_err().code().as_str(), "invalid_option");
    /// # Ok::<(), vivomeetings_embed::core::Error>(())
    /// ```
    pub fn from_parts(platform: &Platform, parts: &SignInParts<'_>) -> Result<SignIn> {
        let Some(host_id) = parts.host_id else {
            return Err(Error::new(
                ErrorCode::InvalidHostId,
                "hostId",
                "is required",
            ));
        };
        let host_id = HostId::parse(host_id)?;
        let Some(token) = parts.login_token_public_key else {
            return Err(Error::new(
                ErrorCode::InvalidToken,
                "loginTokenPublicKey",
                "is required",
            ));
        };
        let token = LoginToken::parse(token)?;
        let redirect = match (parts.redirect_url, parts.redirect_to) {
            (Some(url), None) | (None, Some(url)) => url,
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidOption,
                    "redirectUrl",
                    "give exactly one of redirectUrl and redirectTo",
                ))
            }
        };
        let request = SignIn::new(platform, host_id, token, redirect)?;
        match (parts.after_call_url, parts.after_call_hosts) {
            (Some(url), hosts) => request.after_call_url(url, hosts),
            (None, Some(_)) => Err(Error::new(
                ErrorCode::InvalidOption,
                "afterCallHosts",
                "only applies with afterCallUrl",
            )),
            (None, None) => Ok(request),
        }
    }

    /// A request landing on `redirect_url` (checked with [`check_redirect_url`]).
    pub fn new(
        platform: &Platform,
        host_id: HostId,
        token: LoginToken,
        redirect_url: &str,
    ) -> Result<SignIn> {
        check_redirect_url(platform, redirect_url)?;
        SignIn {
            action: platform.join("/auth"),
            platform: platform.clone(),
            host_id,
            token,
            redirect_url: redirect_url.to_owned(),
            after_call_url: None,
        }
        .within_limit("redirectUrl")
    }

    /// The request, if its GET link fits in [`URL_MAX`]; else
    /// `invalid_option` on `field`, the one just added.
    fn within_limit(self, field: &str) -> Result<SignIn> {
        if self.get_url().len() > URL_MAX {
            return Err(too_long(field));
        }
        Ok(self)
    }

    /// Adds `after_call_url` (checked with [`check_after_call_url`]).
    pub fn after_call_url(mut self, url: &str, hosts: Option<&[String]>) -> Result<SignIn> {
        check_after_call_url(&self.platform, url, hosts)?;
        self.after_call_url = Some(url.to_owned());
        self.within_limit("afterCallUrl")
    }

    /// The form's `action`: `https://<platform>/auth`.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The fields in the handbook's order: `host_id`, `login_token_public_key`,
    /// `redirect_url`, then `after_call_url` when set. Values are exactly as given.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let mut id = String::new();
        push_u64(&mut id, self.host_id.get());
        self.field_refs(&id)
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?.to_owned())))
            .collect()
    }

    /// [`SignIn::fields`], borrowed (`id` is the host id's decimal text);
    /// `None` for an `after_call_url` that is not set.
    fn field_refs<'a>(&'a self, id: &'a str) -> [(&'static str, Option<&'a str>); 4] {
        [
            ("host_id", Some(id)),
            ("login_token_public_key", Some(self.token.expose())),
            ("redirect_url", Some(&self.redirect_url)),
            ("after_call_url", self.after_call_url.as_deref()),
        ]
    }

    /// The GET link of 10.1. It puts the token in a URL, where browser
    /// history, server logs and `Referer` headers can keep it: prefer the
    /// form POST.
    pub fn get_url(&self) -> String {
        let mut id = String::new();
        push_u64(&mut id, self.host_id.get());
        let mut url = self.action.clone();
        let mut sep = b'?';
        for (key, value) in self.field_refs(&id) {
            if let Some(value) = value {
                push_ascii(&mut url, sep);
                url.push_str(key);
                push_ascii(&mut url, b'=');
                form_encode_into(&mut url, value);
                sep = b'&';
            }
        }
        url
    }
}

/// The serde form of [`SignIn`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SignInWire {
    platform: Platform,
    host_id: HostId,
    login_token: LoginToken,
    redirect_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after_call_url: Option<String>,
}

#[cfg(feature = "serde")]
impl From<SignIn> for SignInWire {
    fn from(s: SignIn) -> SignInWire {
        SignInWire {
            platform: s.platform,
            host_id: s.host_id,
            login_token: s.token,
            redirect_url: s.redirect_url,
            after_call_url: s.after_call_url,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<SignInWire> for SignIn {
    type Error = Error;

    fn try_from(w: SignInWire) -> Result<SignIn> {
        let sign_in = SignIn::new(&w.platform, w.host_id, w.login_token, &w.redirect_url)?;
        match w.after_call_url {
            Some(url) => sign_in.after_call_url(&url, None),
            None => Ok(sign_in),
        }
    }
}

#[cfg(test)]
mod tests;
