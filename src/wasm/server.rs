//! The exports of the server entry (`vivomeetings-embed/server`), built
//! with the `server` feature into a wasm of their own, so the browser
//! package does not carry them: webhooks (handbook 11) and the OAuth token
//! calls a partner's back end makes (12.6.1, 12.7.2).

use super::{required_platform, run, Out};
use crate::core::oauth::{self, TokenAnswer};
use crate::core::webhook;
use crate::core::wire::{pack, Args};

/// Parses a webhook body (bytes): the typed event as JSON text (see
/// [`crate::core::WebhookEvent::to_json`]).
pub fn parse_webhook(body: &[u8]) -> Out {
    run(|| Ok(webhook::parse(body)?.to_json()))
}

/// `check_webhook_secret(url, secret)`: checks the secret in the URL a
/// webhook was posted to.
pub fn check_webhook_secret(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let url = args.text().unwrap_or("");
        webhook::check_secret(url, args.text().unwrap_or(""))?;
        Ok(String::new())
    })
}

/// `token_request(kind, domain, clientId, clientSecret, value, redirectUri,
/// codeVerifier)`: a token call, packed: URL, form body. `kind` is `code`
/// (exchange: `value` is the code), `refresh` (`value` is the refresh
/// token) or `revoke` (`value` is the token to revoke).
pub fn token_request(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let kind = args.text();
        let platform = required_platform(args)?;
        let mut next = || args.text().unwrap_or("");
        let (client_id, client_secret, value, redirect_uri) = (next(), next(), next(), next());
        let (url, body) = match kind {
            Some("code") => (
                oauth::token_url(&platform),
                oauth::authorization_code_body(
                    client_id,
                    client_secret,
                    value,
                    redirect_uri,
                    args.text(),
                )?,
            ),
            Some("refresh") => (
                oauth::token_url(&platform),
                oauth::refresh_token_body(client_id, client_secret, value)?,
            ),
            _ => (
                oauth::revoke_url(&platform),
                oauth::revoke_body(client_id, client_secret, value)?,
            ),
        };
        Ok(pack(&[&url, &body]))
    })
}

/// `token_response(body, now)`: reads the token endpoint's answer, packed:
/// `tokens, <accessToken>, <refreshToken or ''>, <tokenType>, <expiresAt or
/// ''>, <scope or ''>` or `denied, <error>, <description or ''>`.
pub fn token_response(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let body = args.text().unwrap_or("");
        let now = args.number_arg();
        Ok(match oauth::parse_token_response(body, now)? {
            TokenAnswer::Tokens(t) => {
                let mut expires = String::new();
                if let Some(at) = t.expires_at_ms {
                    crate::core::encode::push_u64(&mut expires, at);
                }
                pack(&[
                    "tokens",
                    &t.access_token,
                    &t.refresh_token.unwrap_or_default(),
                    &t.token_type,
                    &expires,
                    &t.scope.unwrap_or_default(),
                ])
            }
            TokenAnswer::Denied {
                error,
                error_description,
            } => pack(&["denied", &error, &error_description.unwrap_or_default()]),
        })
    })
}
