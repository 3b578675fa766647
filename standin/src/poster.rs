//! `GET /__standin/post`: a test page that posts messages to its parent
//! window, served on both origins so browser tests can send real
//! cross-origin `postMessage`s from either of them.
//!
//! Query: `messages` (a URL-encoded JSON array, required) and `delay`
//! (milliseconds, default 0). On `load`, after `delay` ms, the page calls
//! `window.parent.postMessage(m, '*')` for each `m` in order. Two special
//! entries expand in the browser, so tests can post huge payloads without
//! huge URLs:
//!
//! * `{"__big": N}` posts a string of `N` `x` characters;
//! * `{"__bigreason": N}` posts
//!   `{type: 'vivomeetingsLeaveCallEvent', reason: <N x characters>}`.
//!
//! The array is embedded as a JSON data block and read with `JSON.parse`,
//! so keys such as `__proto__` stay own keys (an object literal in script
//! would turn them into prototypes).

use axum::extract::RawQuery;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::Value;

use crate::html;

/// The largest `delay`, in milliseconds.
pub const MAX_DELAY_MS: u64 = 60_000;

/// The largest `N` of a `__big` / `__bigreason` entry (16 MiB).
pub const MAX_BIG: u64 = 16 * 1024 * 1024;

/// The script of the page; it reads `#messages` and `#poster` data.
const SCRIPT: &str = r#"
(function () {
  var messages = JSON.parse(document.getElementById('messages').textContent);
  var delay = Number(document.body.getAttribute('data-delay'));
  function only(m, key) {
    return m !== null && typeof m === 'object' && !Array.isArray(m) &&
      Object.keys(m).length === 1 && Object.prototype.hasOwnProperty.call(m, key);
  }
  function expand(m) {
    if (only(m, '__big')) return 'x'.repeat(m.__big);
    if (only(m, '__bigreason')) return {type: 'vivomeetingsLeaveCallEvent', reason: 'x'.repeat(m.__bigreason)};
    return m;
  }
  function post() {
    for (var i = 0; i < messages.length; i++) window.parent.postMessage(expand(messages[i]), '*');
    document.getElementById('status').textContent = 'posted ' + messages.length;
  }
  window.addEventListener('load', function () {
    if (delay > 0) setTimeout(post, delay); else post();
  });
})();
"#;

/// The parsed query of a poster request.
#[derive(Debug, PartialEq)]
struct Request {
    /// The `messages` JSON text exactly as given (checked to be an array).
    /// It is embedded as is, not re-serialised, so key order and duplicate
    /// keys reach the page exactly as the test wrote them.
    json: String,
    /// How many messages the array holds.
    count: usize,
    /// Milliseconds to wait after `load`.
    delay: u64,
}

/// Reads `messages` and `delay`; the error is a short reason for a 400 page.
fn parse(query: &str) -> Result<Request, String> {
    let mut messages = None;
    let mut delay = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "messages" if messages.is_none() => messages = Some(value.into_owned()),
            "delay" if delay.is_none() => delay = Some(value.into_owned()),
            "messages" | "delay" => return Err(format!("{key} given twice")),
            _ => return Err(format!("unknown parameter {key:?}")),
        }
    }
    let json = messages.ok_or("missing messages (a JSON array)")?;
    let messages = match serde_json::from_str::<Value>(&json) {
        Ok(Value::Array(list)) => list,
        Ok(_) => return Err("messages must be a JSON array".to_string()),
        Err(e) => return Err(format!("messages is not valid JSON: {e}")),
    };
    for m in &messages {
        check_special(m)?;
    }
    let delay = match delay {
        None => 0,
        Some(d) => d
            .parse::<u64>()
            .ok()
            .filter(|&d| d <= MAX_DELAY_MS)
            .ok_or_else(|| format!("delay must be 0 to {MAX_DELAY_MS} (ms), got {d:?}"))?,
    };
    Ok(Request {
        count: messages.len(),
        json,
        delay,
    })
}

/// Checks the size of a `__big` / `__bigreason` entry.
fn check_special(m: &Value) -> Result<(), String> {
    let Value::Object(map) = m else {
        return Ok(());
    };
    if map.len() != 1 {
        return Ok(());
    }
    for key in ["__big", "__bigreason"] {
        if let Some(n) = map.get(key) {
            return match n.as_u64() {
                Some(n) if n <= MAX_BIG => Ok(()),
                _ => Err(format!("{key} must be an integer from 0 to {MAX_BIG}")),
            };
        }
    }
    Ok(())
}

/// JSON text that is safe inside a `<script>` data block: `<`, `>` and `&`
/// (which in valid JSON can only occur inside strings) become `\u` escapes,
/// so no `</script>` can end the block early.
fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `GET /__standin/post?messages=<JSON array>&delay=<ms>`.
pub async fn post_page(RawQuery(query): RawQuery) -> Response {
    let request = match parse(query.as_deref().unwrap_or("")) {
        Ok(r) => r,
        Err(detail) => {
            return html::error_page(
                StatusCode::BAD_REQUEST,
                "bad-request",
                "Bad request",
                &detail,
            )
        }
    };
    let body = format!(
        "<main class=\"page\"><h1>Poster</h1>\
         <p>Posts {count} message(s) to the parent window <output id=\"delay\">{delay}</output> ms after load: \
         <output id=\"status\">waiting</output></p></main>\n\
         <script type=\"application/json\" id=\"messages\">{json}</script>\n\
         <script>{SCRIPT}</script>",
        count = request.count,
        delay = request.delay,
        json = script_safe_json(&request.json),
    );
    let attrs = format!("data-delay=\"{}\"", request.delay);
    let mut response = html::response(StatusCode::OK, html::document("Poster", &attrs, "", &body));
    // wasm-bindgen-test-runner serves its page cross-origin isolated (COEP
    // require-corp): a frame loads there only when it opts in like this.
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("cross-origin-embedder-policy"),
        HeaderValue::from_static("require-corp"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("cross-origin"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_messages_and_delay() {
        let r = parse("messages=%5B1%2C%22a%22%5D&delay=25").expect("valid");
        assert_eq!(r.json, r#"[1,"a"]"#);
        assert_eq!(r.count, 2);
        assert_eq!(r.delay, 25);
        assert_eq!(parse("messages=[]").expect("valid").delay, 0);
        let r = parse(r#"messages=[{"type":1,"reason":2,"a":3}]"#).expect("valid");
        assert_eq!(
            r.json, r#"[{"type":1,"reason":2,"a":3}]"#,
            "key order is kept"
        );
    }

    #[test]
    fn refuses_bad_queries() {
        for bad in [
            "",
            "delay=5",
            "messages={}",
            "messages=1",
            "messages=[",
            "messages=[]&delay=-1",
            "messages=[]&delay=x",
            "messages=[]&delay=60001",
            "messages=[]&messages=[]",
            "messages=[]&other=1",
            "messages=[{\"__big\":-1}]",
            "messages=[{\"__big\":\"9\"}]",
            "messages=[{\"__bigreason\":16777217}]",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("messages=[{\"__big\":16777216},{\"__big\":1,\"x\":2}]").is_ok());
    }

    #[test]
    fn json_cannot_close_the_script_block() {
        let text = "</script><script>alert(1)</script>&\u{2028}";
        let original = Value::Array(vec![Value::from(text), Value::from(r"\<")]).to_string();
        let json = script_safe_json(&original);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert!(!json.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(
            back,
            Value::Array(vec![Value::from(text), Value::from(r"\<")])
        );
    }
}
