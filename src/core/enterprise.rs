//! The Enterprise API (handbook sections 1 and 3 to 8): its method paths,
//! their URLs on a platform, and the error for a non-2xx answer.
//!
//! Calls are `POST <origin>/enterprise_api/<method>` with a JSON body, except
//! `subscription/update`, which the handbook writes as `PUT`. With OAuth
//! (handbook 12.7) the token goes in an `Authorization: Bearer` header,
//! never in the URL.

use super::domain::Platform;
use super::encode::{char_strs, is_blank, is_control_str, push_u64, split_byte};
use super::error::{Error, ErrorCode, Result};

/// Every method path of the handbook, in its order. The TypeScript union
/// `EnterpriseMethod` in `src/core/enterprise_methods.d.ts` is generated
/// from this list by a test.
pub const METHODS: [&str; 37] = [
    // 3. Authentication
    "authenticate",
    // 4. Companies
    "company/create",
    "company/fetch",
    "company/update",
    "company/fetch_all",
    // 5. Subscriptions
    "subscription/fetch_products",
    "subscription/create",
    "subscription/update",
    "subscription/suspend",
    "subscription/reactivate",
    "subscription/cancel",
    "subscription/fetch",
    // 6. Hosts
    "host/create",
    "host/fetch",
    "host/update",
    "host/delete",
    "host/resend_invitation",
    "host/reset_password",
    "host/conferences",
    "host/cdrs",
    "host/active_calls",
    "host/fetch_all",
    // 7. Contacts
    "contact/create",
    "contact/fetch",
    "contact/fetch_all",
    "contact/update",
    "contact/delete",
    // 8. Conferences
    "conference/create",
    "conference/create/reservationless",
    "conference/update",
    "conference/fetch",
    "conference/fetch_all",
    "conference/cancel",
    "conference/end",
    "conference/fetch_participant_details",
    "conference/fetch_livestream_viewer_count",
    "conference/stop_streaming",
];

/// The methods the handbook calls with `PUT`; all others use `POST`.
pub const PUT_METHODS: [&str; 1] = ["subscription/update"];

/// The HTTP method of an Enterprise API method: `"PUT"` for
/// [`PUT_METHODS`], `"POST"` otherwise.
pub fn http_method(method: &str) -> &'static str {
    if PUT_METHODS.contains(&method) {
        "PUT"
    } else {
        "POST"
    }
}

/// The URL of an Enterprise API method: `<origin>/enterprise_api/<method>`.
///
/// ```
/// use vivomeetings_embed::core::{enterprise::method_url, Platform};
/// let p = Platform::parse("acme.vivomeetings.com")?;
/// assert_eq!(method_url(&p, "host/conferences")?, "https://acme.vivomeetings.com/enterprise_api/host/conferences");
/// assert_eq!(method_url(&p, "../oauth/token").unwrap_err().field(), Some("method"));
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// Errors: `invalid_option` on `method` unless it is a plain path: one or
/// more segments of `[a-z_]`, separated by single `/` (as every method of
/// the handbook is, see [`METHODS`]). So no `..`, `?`, `#`, `%`, `\\`,
/// space or empty segment can take the request, and its token, anywhere
/// but under `/enterprise_api/` on the platform. Methods the platform adds
/// later pass too; the TypeScript types list the handbook's.
pub fn method_url(platform: &Platform, method: &str) -> Result<String> {
    let plain = !method.is_empty()
        && method.len() <= 64
        && split_byte(method, b'/')
            .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    if !plain {
        return Err(Error::with_value(
            ErrorCode::InvalidOption,
            "method",
            "must be an Enterprise API method path, e.g. 'host/conferences'",
            method,
        ));
    }
    let mut url = platform.join("/enterprise_api/");
    url.push_str(method);
    Ok(url)
}

/// The longest part of the platform's `message` kept in an error, in characters.
pub const MESSAGE_MAX: usize = 256;

/// The error for an Enterprise API answer with HTTP `status`, or `None`
/// for 2xx: 401 `unauthorized`, 403 `forbidden`, 404 `not_found`, any
/// other status `api_error`. The message is `HTTP <status>`, followed by
/// `: <message>` when the answer's `message` is given and not blank, cut to
/// 256 characters with control characters removed.
///
/// ```
/// use vivomeetings_embed::core::enterprise::status_error;
/// assert!(status_error(200, Some("OK")).is_none());
/// let e = status_error(404, Some("Host not found")).unwrap();
/// assert_eq!(e.code().as_str(), "not_found");
/// assert_eq!(e.message(), "HTTP 404: Host not found");
/// assert_eq!(status_error(500, None).unwrap().message(), "HTTP 500");
/// ```
pub fn status_error(status: u16, message: Option<&str>) -> Option<Error> {
    let code = match status {
        200..=299 => return None,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        _ => ErrorCode::ApiError,
    };
    let mut detail = String::from("HTTP ");
    push_u64(&mut detail, u64::from(status));
    let mut text = String::new();
    let mut chars = char_strs(message.unwrap_or("")).filter(|c| !is_control_str(c));
    for c in chars.by_ref().take(MESSAGE_MAX) {
        text.push_str(c);
    }
    if chars.next().is_some() {
        // push_str: `push('…')` would bring in char encoding for one character.
        #[allow(clippy::single_char_add_str)]
        text.push_str("…");
    }
    if !is_blank(&text) {
        detail.push_str(": ");
        detail.push_str(&text);
    }
    Some(Error::new(code, "", &detail))
}

#[cfg(test)]
mod tests;
