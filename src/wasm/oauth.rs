//! The OAuth and Enterprise API exports (handbook 12): the JS layer does
//! the randomness, hashing, storage, history, popup and `fetch`; these
//! build the URLs and check the answers.

use super::{run, Out};
use crate::core::oauth::{self, AuthorizeRequest, CallbackOutcome, PendingRequest, ResponseType};
use crate::core::wire::{pack, Args};
use crate::core::{enterprise, Platform};

/// The next argument, required (a missing one is a bug of the JS layer).
fn text<'a>(args: &mut Args<'a>) -> &'a str {
    args.text().unwrap_or("")
}

/// `authorize_url(origin, clientId, redirectUri, responseType, scope,
/// state, codeChallenge)`: the authorize URL of handbook 12.4.
pub fn authorize_url(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = Platform::parse(text(args))?;
        let request = AuthorizeRequest {
            client_id: text(args),
            redirect_uri: text(args),
            response_type: ResponseType::parse(text(args))?,
            scope: text(args),
            state: text(args),
            code_challenge: args.text(),
        };
        oauth::authorize_url(&platform, &request)
    })
}

/// `oauth_callback(url, responseType, state, redirectUri, createdAt, now)`:
/// checks a callback URL against the stored request. Packed results:
/// `code, <code>`, `token, <accessToken>, <tokenType>, <expiresAt or ''>,
/// <scope or ''>` or `denied, <error>, <description or ''>`.
pub fn oauth_callback(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let url = text(args);
        let pending = PendingRequest {
            response_type: ResponseType::parse(text(args))?,
            state: text(args),
            redirect_uri: text(args),
            created_at_ms: args.number_arg(),
        };
        let now = args.number_arg();
        Ok(match oauth::check_callback(url, &pending, now)? {
            CallbackOutcome::Code { code } => pack(&["code", &code]),
            CallbackOutcome::Token {
                access_token,
                token_type,
                expires_at_ms,
                scope,
                ..
            } => {
                let mut expires = String::new();
                if let Some(at) = expires_at_ms {
                    crate::core::encode::push_u64(&mut expires, at);
                }
                let scope = scope.unwrap_or_default();
                pack(&["token", &access_token, &token_type, &expires, &scope])
            }
            CallbackOutcome::Denied {
                error,
                error_description,
            } => pack(&["denied", &error, &error_description.unwrap_or_default()]),
        })
    })
}

/// `enterprise_call(origin, method, accessToken)`: the Enterprise API call
/// `method` with `accessToken`, packed: URL, HTTP method.
pub fn enterprise_call(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = Platform::parse(text(args))?;
        let method = text(args);
        oauth::check_access_token(text(args))?;
        let url = enterprise::method_url(&platform, method)?;
        Ok(pack(&[&url, enterprise::http_method(method)]))
    })
}

/// `enterprise_status(status, message)`: the error for an Enterprise API
/// answer's HTTP `status` with the platform's `message` (none for 2xx: '').
pub fn enterprise_status(args: &str) -> Out {
    let args = &mut Args::new(args);
    let status = u16::try_from(args.number_arg()).unwrap_or(0);
    match enterprise::status_error(status, args.text()) {
        Some(e) => crate::core::wire::error(&e),
        None => String::new(),
    }
}
