//! The exports of the server entry (`vivomeetings-embed/server`), built
//! with the `server` feature into a wasm of their own, so the browser
//! package does not carry them: webhooks (handbook 11) and the OAuth token
//! calls a partner's back end makes (12.6.1, 12.7.2).

use super::{wire, Out};
use crate::core::oauth::{self, TokenAnswer};
use crate::core::webhook;
use wasm_bindgen::prelude::*;

/// Parses a webhook body: the typed event as JSON text (see
/// [`crate::core::WebhookEvent::to_json`]).
#[wasm_bindgen]
pub fn parse_webhook(body: &[u8]) -> Out {
    webhook::parse(body)
        .map(|event| event.to_json())
        .map_err(wire)
}

/// Checks the secret in the URL a webhook was posted to.
#[wasm_bindgen]
pub fn check_webhook_secret(url: &str, secret: &str) -> Result<(), String> {
    webhook::check_secret(url, secret).map_err(wire)
}

/// A token call: `[url, form body]`. `kind` is `code` (exchange: `value`
/// is the code), `refresh` (`value` is the refresh token) or `revoke`
/// (`value` is the token to revoke).
#[wasm_bindgen]
pub fn token_request(
    kind: &str,
    domain: Option<String>,
    client_id: &str,
    client_secret: &str,
    value: &str,
    redirect_uri: &str,
    code_verifier: Option<String>,
) -> Out<Vec<String>> {
    (|| {
        let platform = super::required_platform(domain)?;
        Ok(match kind {
            "code" => vec![
                oauth::token_url(&platform),
                oauth::authorization_code_body(
                    client_id,
                    client_secret,
                    value,
                    redirect_uri,
                    code_verifier.as_deref(),
                )?,
            ],
            "refresh" => vec![
                oauth::token_url(&platform),
                oauth::refresh_token_body(client_id, client_secret, value)?,
            ],
            _ => vec![
                oauth::revoke_url(&platform),
                oauth::revoke_body(client_id, client_secret, value)?,
            ],
        })
    })()
    .map_err(wire)
}

/// Reads the token endpoint's answer: `['tokens', accessToken,
/// refreshToken or '', tokenType, expiresAt or '', scope or '']` or
/// `['denied', error, description or '']`.
#[wasm_bindgen]
pub fn token_response(body: &str, now_ms: f64) -> Out<Vec<String>> {
    match oauth::parse_token_response(body, now_ms as u64).map_err(wire)? {
        TokenAnswer::Tokens(t) => {
            let mut expires = String::new();
            if let Some(at) = t.expires_at_ms {
                crate::core::encode::push_u64(&mut expires, at);
            }
            Ok(vec![
                "tokens".into(),
                t.access_token,
                t.refresh_token.unwrap_or_default(),
                t.token_type,
                expires,
                t.scope.unwrap_or_default(),
            ])
        }
        TokenAnswer::Denied {
            error,
            error_description,
        } => Ok(vec![
            "denied".into(),
            error,
            error_description.unwrap_or_default(),
        ]),
    }
}

/// The platform origin named by `domain` (checked as everywhere).
#[wasm_bindgen]
pub fn server_origin(domain: Option<String>) -> Out {
    Ok(super::required_platform(domain)
        .map_err(wire)?
        .origin()
        .to_owned())
}
