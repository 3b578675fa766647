//! `GET /__standin/post`: a test page that posts messages to its parent
//! window, served on both origins so browser tests can send real
//! cross-origin `postMessage`s from either of them.
//!
//! Query: `messages` (a URL-encoded JSON array, required) and `delay`
//! (milliseconds, default 0). On `load`, after `delay` ms, the page calls
//! `window.parent.postMessage(m, '*')` for each `m` in order.
//!
//! Special entries expand in the browser, so tests can post what JSON
//! cannot say (everything structured clone carries) and huge payloads
//! without huge URLs. A special entry is an object with exactly one key,
//! one of the names below, at any depth (inside a message's objects and
//! arrays too); its argument is expanded first (bottom-up):
//!
//! | entry | posts |
//! | --- | --- |
//! | `{"__big": N}` | a string of `N` `x` characters |
//! | `{"__bigreason": N}` | `{type: 'vivomeetingsLeaveCallEvent', reason: <N x>}` |
//! | `{"__undefined": any}` | `undefined` |
//! | `{"__bigint": "123"}` | `BigInt("123")` (a string of digits, optional `-`, or an integer) |
//! | `{"__date": ms}` | `new Date(ms)` |
//! | `{"__regexp": "src"}` | `new RegExp("src")` |
//! | `{"__map": [[k, v], …]}` | `new Map([[k, v], …])` |
//! | `{"__set": [v, …]}` | `new Set([v, …])` |
//! | `{"__bytes": N}` | `new Uint8Array(N)` |
//! | `{"__blob": "text"}` | `new Blob(["text"])` |
//! | `{"__sparse": N}` | an empty array of `length` N (all holes) |
//! | `{"__array": {"items": [...], "keys": {k: v, …}}}` | the `items` array with each `k` as an own enumerable key (`__proto__`, `constructor`, `prototype` too) |
//! | `{"__cycle": {…}}` | the object with an own key `self` that is the object itself |
//! | `{"__repeat": {"count": N, "value": v}}` | an array of `N` references to one `v` (a shared subtree) |
//! | `{"__wide": {"keys": N, "object": {…}}}` | the object (default `{}`) plus keys `k0` … `k<N-1>`, each `0` |
//! | `{"__nest": {"depth": N, "value": v}}` | `v` inside `N` nested arrays |
//!
//! The arguments are checked here (a bad one is a 400). A message that the
//! browser cannot clone (Chromium refuses nesting deeper than a few
//! thousand) is skipped and reported in `#status`.
//!
//! The array is embedded as a JSON data block and read with `JSON.parse`,
//! so keys such as `__proto__` stay own keys (an object literal in script
//! would turn them into prototypes); expansion keeps them own keys too.

use axum::extract::RawQuery;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use crate::html;

/// The largest `delay`, in milliseconds.
pub const MAX_DELAY_MS: u64 = 60_000;

/// The largest `N` of a `__big` / `__bigreason` / `__bytes` entry (16 MiB).
pub const MAX_BIG: u64 = 16 * 1024 * 1024;

/// The largest `__sparse` length: the largest JS array length, 2^32 - 1.
pub const MAX_ARRAY_LENGTH: u64 = u32::MAX as u64;

/// The largest `count` of a `__repeat` and `keys` of a `__wide` entry.
pub const MAX_REPEAT: u64 = 1_000_000;

/// The largest `depth` of a `__nest` entry.
pub const MAX_NEST: u64 = 10_000;

/// The longest `__bigint` digit string.
pub const MAX_BIGINT_DIGITS: usize = 1_000;

/// The names of the special entries, as the page's script knows them.
pub const SPECIAL: &[&str] = &[
    "__big",
    "__bigreason",
    "__undefined",
    "__bigint",
    "__date",
    "__regexp",
    "__map",
    "__set",
    "__bytes",
    "__blob",
    "__sparse",
    "__array",
    "__cycle",
    "__repeat",
    "__wide",
    "__nest",
];

/// The script of the page; it reads the `#messages` data block and
/// `data-delay`.
const SCRIPT: &str = r#"
(function () {
  var messages = JSON.parse(document.getElementById('messages').textContent);
  var delay = Number(document.body.getAttribute('data-delay'));
  function own(o, key, value) {
    Object.defineProperty(o, key, {value: value, writable: true, enumerable: true, configurable: true});
  }
  var MAKERS = {
    __big: function (n) { return 'x'.repeat(n); },
    __bigreason: function (n) { return {type: 'vivomeetingsLeaveCallEvent', reason: 'x'.repeat(n)}; },
    __undefined: function () { return undefined; },
    __bigint: function (s) { return BigInt(s); },
    __date: function (ms) { return new Date(ms); },
    __regexp: function (s) { return new RegExp(s); },
    __map: function (entries) { return new Map(entries); },
    __set: function (items) { return new Set(items); },
    __bytes: function (n) { return new Uint8Array(n); },
    __blob: function (text) { return new Blob([text]); },
    __sparse: function (n) { var a = []; a.length = n; return a; },
    __array: function (spec) {
      var a = spec.items || [], keys = spec.keys || {};
      Object.keys(keys).forEach(function (k) { own(a, k, keys[k]); });
      return a;
    },
    __cycle: function (o) { own(o, 'self', o); return o; },
    __repeat: function (spec) {
      var a = [];
      for (var i = 0; i < spec.count; i++) a.push(spec.value);
      return a;
    },
    __wide: function (spec) {
      var o = spec.object || {};
      for (var i = 0; i < spec.keys; i++) own(o, 'k' + i, 0);
      return o;
    },
    __nest: function (spec) {
      var v = spec.value;
      for (var i = 0; i < spec.depth; i++) v = [v];
      return v;
    }
  };
  // Expands special entries bottom-up, in place; own keys stay own keys.
  function expand(v) {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) v[i] = expand(v[i]);
      return v;
    }
    var keys = Object.keys(v);
    for (var j = 0; j < keys.length; j++) {
      var inner = expand(v[keys[j]]);
      if (inner !== v[keys[j]]) own(v, keys[j], inner);
    }
    if (keys.length === 1 && Object.prototype.hasOwnProperty.call(MAKERS, keys[0])) {
      return MAKERS[keys[0]](v[keys[0]]);
    }
    return v;
  }
  function post() {
    var failed = [];
    for (var i = 0; i < messages.length; i++) {
      try {
        window.parent.postMessage(expand(messages[i]), '*');
      } catch (e) {
        failed.push(i + ' (' + e.name + ')');
      }
    }
    document.getElementById('status').textContent = failed.length
      ? 'posted ' + (messages.length - failed.length) + ', failed ' + failed.join(', ')
      : 'posted ' + messages.length;
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
        check_specials(m)?;
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

/// Checks every special entry in `value`, inner ones first (the order the
/// page expands them in).
fn check_specials(value: &Value) -> Result<(), String> {
    match value {
        Value::Array(items) => items.iter().try_for_each(check_specials),
        Value::Object(map) => {
            map.values().try_for_each(check_specials)?;
            match map.iter().next() {
                Some((name, arg)) if map.len() == 1 && SPECIAL.contains(&name.as_str()) => {
                    check_special(name, arg)
                }
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Checks the argument of one special entry.
fn check_special(name: &str, arg: &Value) -> Result<(), String> {
    let integer = |value: &Value, what: &str, max: u64| match value.as_u64() {
        Some(n) if n <= max => Ok(()),
        _ => Err(format!("{what} must be an integer from 0 to {max}")),
    };
    let string = || match arg {
        Value::String(_) => Ok(()),
        _ => Err(format!("{name} must be a string")),
    };
    let array = || match arg {
        Value::Array(items) => Ok(items),
        _ => Err(format!("{name} must be an array")),
    };
    // An object with only these keys; `required` must be present.
    let spec = |required: &[&str], optional: &[&str]| -> Result<&Map<String, Value>, String> {
        let Value::Object(map) = arg else {
            return Err(format!("{name} must be an object"));
        };
        if let Some(key) = map
            .keys()
            .find(|k| !required.contains(&k.as_str()) && !optional.contains(&k.as_str()))
        {
            return Err(format!("{name} has an unknown key {key:?}"));
        }
        if let Some(key) = required.iter().find(|k| !map.contains_key(**k)) {
            return Err(format!("{name} needs {key:?}"));
        }
        Ok(map)
    };
    match name {
        "__big" | "__bigreason" | "__bytes" => integer(arg, name, MAX_BIG),
        "__sparse" => integer(arg, name, MAX_ARRAY_LENGTH),
        "__undefined" => Ok(()),
        "__bigint" => {
            let ok = match arg {
                Value::Number(n) => n.is_i64() || n.is_u64(),
                Value::String(s) => {
                    let digits = s.strip_prefix('-').unwrap_or(s);
                    (1..=MAX_BIGINT_DIGITS).contains(&digits.len())
                        && digits.bytes().all(|b| b.is_ascii_digit())
                }
                _ => false,
            };
            if ok {
                Ok(())
            } else {
                Err(format!(
                    "{name} must be an integer or a string of at most {MAX_BIGINT_DIGITS} digits"
                ))
            }
        }
        "__date" => match arg.as_f64() {
            Some(ms) if ms.abs() <= 8.64e15 => Ok(()),
            _ => Err(format!(
                "{name} must be a time in ms (at most 8.64e15 from 1970)"
            )),
        },
        "__regexp" | "__blob" => string(),
        "__set" => array().map(|_| ()),
        "__map" => {
            if array()?
                .iter()
                .all(|e| matches!(e, Value::Array(pair) if pair.len() == 2))
            {
                Ok(())
            } else {
                Err(format!("{name} must be an array of [key, value] pairs"))
            }
        }
        "__array" => {
            let map = spec(&[], &["items", "keys"])?;
            match (map.get("items"), map.get("keys")) {
                (Some(items), _) if !items.is_array() => {
                    Err(format!("{name}.items must be an array"))
                }
                (_, Some(keys)) if !keys.is_object() => {
                    Err(format!("{name}.keys must be an object"))
                }
                _ => Ok(()),
            }
        }
        "__cycle" => match arg {
            Value::Object(_) => Ok(()),
            _ => Err(format!("{name} must be an object")),
        },
        "__repeat" => integer(
            &spec(&["count", "value"], &[])?["count"],
            "__repeat.count",
            MAX_REPEAT,
        ),
        "__wide" => {
            let map = spec(&["keys"], &["object"])?;
            if map.get("object").is_some_and(|o| !o.is_object()) {
                return Err(format!("{name}.object must be an object"));
            }
            integer(&map["keys"], "__wide.keys", MAX_REPEAT)
        }
        "__nest" => integer(
            &spec(&["depth", "value"], &[])?["depth"],
            "__nest.depth",
            MAX_NEST,
        ),
        _ => Ok(()),
    }
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

    /// `parse` of `messages=<json>` (unencoded: the tests' JSON has no `&`, `+` or `%`).
    fn parse_json(json: &str) -> Result<Request, String> {
        parse(&format!("messages={json}"))
    }

    #[test]
    fn accepts_every_special_entry_at_any_depth() {
        for good in [
            r#"{"__undefined":null}"#,
            r#"{"__undefined":1}"#,
            r#"{"__bigint":"-123456789012345678901234567890"}"#,
            r#"{"__bigint":10}"#,
            r#"{"__date":0}"#,
            r#"{"__date":-8.64e15}"#,
            r#"{"__regexp":"a*"}"#,
            r#"{"__map":[["type","vivomeetingsLeaveCallEvent"],[1,{"__big":3}]]}"#,
            r#"{"__map":[]}"#,
            r#"{"__set":[1,"a",{"__date":5}]}"#,
            r#"{"__bytes":16777216}"#,
            r#"{"__blob":"x"}"#,
            r#"{"__sparse":4294967295}"#,
            r#"{"__sparse":0}"#,
            r#"{"__array":{"items":["a"],"keys":{"__proto__":{"polluted":true}}}}"#,
            r#"{"__array":{}}"#,
            r#"{"__cycle":{"type":"vivomeetingsLeaveCallEvent","reason":"left"}}"#,
            r#"{"__repeat":{"count":1000000,"value":{"a":{"__big":100}}}}"#,
            r#"{"__wide":{"keys":1000000}}"#,
            r#"{"__wide":{"keys":3,"object":{"type":"x"}}}"#,
            r#"{"__nest":{"depth":10000,"value":1}}"#,
            r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","list":{"__sparse":5}}"#,
            r#"[[{"deep":[{"__big":1}]}]]"#,
            r#"{"__bigint":"1","other":"keys make it an ordinary object"}"#,
            r#"{"__bigint":["not checked: two keys"],"x":1}"#,
            r#"{"__unknown":"not special"}"#,
        ] {
            let r = parse_json(&format!("[{good}]")).unwrap_or_else(|e| panic!("{good}: {e}"));
            assert_eq!(r.json, format!("[{good}]"), "embedded as given");
            assert_eq!(r.count, 1);
        }
    }

    #[test]
    fn refuses_bad_special_arguments_at_any_depth() {
        for bad in [
            r#"{"__bigint":"1.5"}"#,
            r#"{"__bigint":""}"#,
            r#"{"__bigint":"-"}"#,
            r#"{"__bigint":1.5}"#,
            r#"{"__bigint":null}"#,
            r#"{"__date":"today"}"#,
            r#"{"__date":8.7e15}"#,
            r#"{"__regexp":1}"#,
            r#"{"__blob":["x"]}"#,
            r#"{"__map":{"a":1}}"#,
            r#"{"__map":[["only a key"]]}"#,
            r#"{"__map":[[1,2,3]]}"#,
            r#"{"__set":"abc"}"#,
            r#"{"__bytes":16777217}"#,
            r#"{"__bytes":-1}"#,
            r#"{"__sparse":4294967296}"#,
            r#"{"__sparse":1.5}"#,
            r#"{"__array":[]}"#,
            r#"{"__array":{"items":{}}}"#,
            r#"{"__array":{"keys":[]}}"#,
            r#"{"__array":{"items":[],"other":1}}"#,
            r#"{"__cycle":[]}"#,
            r#"{"__repeat":{"count":1000001,"value":1}}"#,
            r#"{"__repeat":{"count":5}}"#,
            r#"{"__repeat":{"count":5,"value":1,"extra":1}}"#,
            r#"{"__wide":{"keys":1000001}}"#,
            r#"{"__wide":{"keys":1,"object":[]}}"#,
            r#"{"__wide":{}}"#,
            r#"{"__nest":{"depth":10001,"value":1}}"#,
            r#"{"__nest":{"value":1}}"#,
            r#"{"__nest":5}"#,
            r#"{"type":"x","list":{"__sparse":-1}}"#,
            r#"[[{"deep":[{"__big":"9"}]}]]"#,
            r#"{"__repeat":{"count":2,"value":{"__bytes":-1}}}"#,
        ] {
            assert!(parse_json(&format!("[{bad}]")).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_script_knows_every_special_entry() {
        for name in SPECIAL {
            assert!(
                SCRIPT.contains(&format!("\n    {name}: function (")),
                "{name}"
            );
        }
        assert_eq!(
            SCRIPT.matches(": function (").count(),
            SPECIAL.len(),
            "one maker per special entry"
        );
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
