//! The OAuth and Enterprise API exports (handbook 12): the JS layer does
//! the randomness, hashing, storage, history, popup and `fetch`; these
//! build the URLs and check the answers.

use super::{wire, Out};
use crate::core::oauth::{self, AuthorizeRequest, CallbackOutcome, PendingRequest, ResponseType};
use crate::core::{enterprise, Platform};
use wasm_bindgen::prelude::*;

/// The authorize URL of handbook 12.4 (`code_challenge` for PKCE).
#[wasm_bindgen]
pub fn authorize_url(
    origin: &str,
    client_id: &str,
    redirect_uri: &str,
    response_type: &str,
    scope: &str,
    state: &str,
    code_challenge: Option<String>,
) -> Out {
    (|| {
        let request = AuthorizeRequest {
            client_id,
            redirect_uri,
            response_type: ResponseType::parse(response_type)?,
            scope,
            state,
            code_challenge: code_challenge.as_deref(),
        };
        oauth::authorize_url(&Platform::parse(origin)?, &request)
    })()
    .map_err(wire)
}

/// Checks a callback URL against the stored request. Returns
/// `['code', code]`, `['token', accessToken, tokenType, expiresAt or '',
/// scope or '']` or `['denied', error, description or '']`.
#[wasm_bindgen]
pub fn oauth_callback(
    url: &str,
    response_type: &str,
    state: &str,
    redirect_uri: &str,
    created_at_ms: f64,
    now_ms: f64,
) -> Out<Vec<String>> {
    (|| {
        let pending = PendingRequest {
            response_type: ResponseType::parse(response_type)?,
            state,
            redirect_uri,
            created_at_ms: created_at_ms as u64,
        };
        Ok(match oauth::check_callback(url, &pending, now_ms as u64)? {
            CallbackOutcome::Code { code } => vec!["code".into(), code],
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
                vec![
                    "token".into(),
                    access_token,
                    token_type,
                    expires,
                    scope.unwrap_or_default(),
                ]
            }
            CallbackOutcome::Denied {
                error,
                error_description,
            } => vec![
                "denied".into(),
                error,
                error_description.unwrap_or_default(),
            ],
        })
    })()
    .map_err(wire)
}

/// The callback URL without its OAuth parameters, for `history.replaceState`.
#[wasm_bindgen]
pub fn oauth_clean_url(url: &str, response_type: &str) -> String {
    match ResponseType::parse(response_type) {
        Ok(kind) => oauth::callback_url_without_oauth_params(url, kind),
        Err(_) => url.to_owned(),
    }
}

/// The Enterprise API call `method` on `origin` with `access_token`:
/// `[url, HTTP method]`.
#[wasm_bindgen]
pub fn enterprise_call(origin: &str, method: &str, access_token: &str) -> Out<Vec<String>> {
    (|| {
        oauth::check_access_token(access_token)?;
        let url = enterprise::method_url(&Platform::parse(origin)?, method)?;
        Ok(vec![url, enterprise::http_method(method).to_owned()])
    })()
    .map_err(wire)
}

/// The error for an Enterprise API answer's `status` (none for 2xx), with
/// the platform's `message` when it sent one.
#[wasm_bindgen]
pub fn enterprise_status(status: u16, message: Option<String>) -> Option<String> {
    enterprise::status_error(status, message.as_deref()).map(wire)
}
