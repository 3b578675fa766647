//! The one error type of the library, with stable machine-readable codes.

use super::encode::{char_strs, is_control_str, push_ascii};

/// A stable, machine-readable error code.
///
/// The string forms returned by [`ErrorCode::as_str`] are part of the public
/// API: they are the `code` of the JS `VivoMeetingsError` and never change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The platform domain is not a bare `http(s)` origin (`invalid_domain`).
    InvalidDomain,
    /// The platform domain uses plain `http:` on a host that is not loopback (`insecure_domain`).
    InsecureDomain,
    /// The access code is missing or not 1 to 64 of `[A-Za-z0-9_-]` (`invalid_access_code`).
    InvalidAccessCode,
    /// An option is unknown, has the wrong type or an unsupported value (`invalid_option`).
    InvalidOption,
    /// A pass-through parameter collides with a typed one (`param_conflict`).
    ParamConflict,
    /// The container element or CSS selector matched nothing (`container_not_found`).
    ContainerNotFound,
    /// The host id is not a positive integer (`invalid_host_id`).
    InvalidHostId,
    /// The login token is empty, too long or not printable ASCII (`invalid_token`).
    InvalidToken,
    /// A redirect URL could send the user somewhere it must not (`unsafe_redirect`).
    UnsafeRedirect,
    /// The browser refused a DOM operation, or there is no DOM (`dom_error`).
    DomError,
    /// A method of a freed or destroyed object, or one called on a wrong `this` (`destroyed`).
    Destroyed,
    /// A function was called before the wasm finished loading (`not_ready`).
    NotReady,
    /// The platform answered an OAuth request with `error` (`oauth_error`).
    OauthError,
    /// An OAuth callback has no matching pending request: the `state` is
    /// missing, different, expired or already used (`oauth_state`).
    OauthState,
    /// The OAuth popup was closed, blocked or timed out (`oauth_cancelled`).
    OauthCancelled,
    /// The Enterprise API answered 401: the token is invalid or revoked (`unauthorized`).
    Unauthorized,
    /// The Enterprise API answered 403 (`forbidden`).
    Forbidden,
    /// The Enterprise API answered 404 (`not_found`).
    NotFound,
    /// The Enterprise API answered another non-2xx status (`api_error`).
    ApiError,
    /// The request failed in the network, or the answer was not JSON (`network_error`).
    NetworkError,
    /// A webhook request or body was refused (`invalid_webhook`).
    InvalidWebhook,
}

impl ErrorCode {
    /// Every code, in documentation order.
    pub const ALL: [ErrorCode; 21] = [
        ErrorCode::InvalidDomain,
        ErrorCode::InsecureDomain,
        ErrorCode::InvalidAccessCode,
        ErrorCode::InvalidOption,
        ErrorCode::ParamConflict,
        ErrorCode::ContainerNotFound,
        ErrorCode::InvalidHostId,
        ErrorCode::InvalidToken,
        ErrorCode::UnsafeRedirect,
        ErrorCode::DomError,
        ErrorCode::Destroyed,
        ErrorCode::NotReady,
        ErrorCode::OauthError,
        ErrorCode::OauthState,
        ErrorCode::OauthCancelled,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::ApiError,
        ErrorCode::NetworkError,
        ErrorCode::InvalidWebhook,
    ];

    /// The stable snake_case form, e.g. `"invalid_domain"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidDomain => "invalid_domain",
            ErrorCode::InsecureDomain => "insecure_domain",
            ErrorCode::InvalidAccessCode => "invalid_access_code",
            ErrorCode::InvalidOption => "invalid_option",
            ErrorCode::ParamConflict => "param_conflict",
            ErrorCode::ContainerNotFound => "container_not_found",
            ErrorCode::InvalidHostId => "invalid_host_id",
            ErrorCode::InvalidToken => "invalid_token",
            ErrorCode::UnsafeRedirect => "unsafe_redirect",
            ErrorCode::DomError => "dom_error",
            ErrorCode::Destroyed => "destroyed",
            ErrorCode::NotReady => "not_ready",
            ErrorCode::OauthError => "oauth_error",
            ErrorCode::OauthState => "oauth_state",
            ErrorCode::OauthCancelled => "oauth_cancelled",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::ApiError => "api_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::InvalidWebhook => "invalid_webhook",
        }
    }
}

/// An error with a stable [`ErrorCode`], the offending field and a readable message.
///
/// Messages are built by plain string concatenation (no `format!`), which keeps
/// Rust's formatting machinery out of the WebAssembly build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// Boxed so that `Result<T, Error>` stays one word wider than `T`: results
/// are moved around a lot, and every move of a wide error costs code size.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    code: ErrorCode,
    field: Option<String>,
    message: String,
}

/// The library's result type.
pub type Result<T, E = Error> = ::core::result::Result<T, E>;

/// The longest excerpt of a bad value quoted in a message.
const QUOTE_MAX: usize = 64;

impl Error {
    /// An error about `field`; the message is `"<field>: <detail>"`.
    #[inline(never)]
    pub fn new(code: ErrorCode, field: &str, detail: &str) -> Error {
        let mut message = String::with_capacity(field.len() + detail.len() + 2);
        if !field.is_empty() {
            message.push_str(field);
            message.push_str(": ");
        }
        message.push_str(detail);
        Error(Box::new(Inner {
            code,
            field: (!field.is_empty()).then(|| field.to_owned()),
            message,
        }))
    }

    /// Like [`Error::new`], quoting the offending value after the detail:
    /// `"<field>: <detail> (got '<value>')"`. Long values are cut to 64
    /// characters and control characters are shown as `\u{..}`-free `?`.
    #[inline(never)]
    pub fn with_value(code: ErrorCode, field: &str, detail: &str, value: &str) -> Error {
        let mut e = Error::new(code, field, detail);
        e.0.message.push_str(" (got '");
        push_quoted(&mut e.0.message, value);
        e.0.message.push_str("')");
        e
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The option the error is about, e.g. `"view"` or `"params.skip_join"`.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// The human-readable message; it names the field and, where safe, the value.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The same error about a field nested under `parent` (`parent.field`).
    pub fn within(mut self, parent: &str) -> Error {
        let inner = self.0.field.take().unwrap_or_default();
        let mut path = String::from(parent);
        if !inner.is_empty() {
            push_ascii(&mut path, b'.');
            path.push_str(&inner);
        }
        let message = &self.0.message;
        let rest = message
            .strip_prefix(inner.as_str())
            .and_then(|m| m.strip_prefix(": "))
            .unwrap_or(message);
        Error::new(self.0.code, &path, rest)
    }
}

fn push_quoted(out: &mut String, value: &str) {
    if push_visible(out, value, QUOTE_MAX) {
        // push_str: `push('…')` would bring in char encoding for this one character.
        #[allow(clippy::single_char_add_str)]
        out.push_str("…");
    }
}

/// Appends the first `max` characters of `s`, control characters shown
/// as `?`; returns whether `s` had more.
pub(crate) fn push_visible(out: &mut String, s: &str, max: usize) -> bool {
    let mut chars = char_strs(s);
    for c in chars.by_ref().take(max) {
        out.push_str(if is_control_str(c) { "?" } else { c });
    }
    chars.next().is_some()
}

impl ::core::fmt::Display for Error {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.code().as_str())?;
        f.write_str(": ")?;
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            let s = c.as_str();
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert!(seen.insert(s), "duplicate {s}");
        }
    }

    #[test]
    fn message_names_field_and_value() {
        let e = Error::with_value(
            ErrorCode::InvalidOption,
            "view",
            "must be 'gallery'",
            "grid",
        );
        assert_eq!(e.message(), "view: must be 'gallery' (got 'grid')");
        assert_eq!(e.field(), Some("view"));
        assert_eq!(
            e.to_string(),
            "invalid_option: view: must be 'gallery' (got 'grid')"
        );
    }

    #[test]
    fn long_and_control_values_are_cut() {
        let long = "a\u{1}".repeat(100);
        let e = Error::with_value(ErrorCode::InvalidOption, "name", "bad", &long);
        assert!(e.message().ends_with("…')"));
        assert!(!e.message().contains('\u{1}'));
        assert!(e.message().chars().count() < 100);
    }

    #[test]
    fn within_prefixes_the_field() {
        let e = Error::new(
            ErrorCode::InvalidAccessCode,
            "accessCode",
            "must not be empty",
        )
        .within("redirectTo");
        assert_eq!(e.field(), Some("redirectTo.accessCode"));
        assert_eq!(e.message(), "redirectTo.accessCode: must not be empty");
    }
}
