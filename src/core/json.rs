//! A small, strict and bounded JSON parser (RFC 8259) and a compact
//! serializer, for data received from outside, such as webhook bodies.
//!
//! The bounds are enforced while parsing, so no input makes it recurse
//! deeper than [`MAX_DEPTH`] or take more than about linear time:
//! - the text is at most [`MAX_INPUT`] bytes (64 KiB);
//! - arrays and objects nest at most [`MAX_DEPTH`] (32) levels;
//! - the keys `__proto__`, `constructor` and `prototype` are refused at any
//!   depth ([`FORBIDDEN_KEYS`]), as are duplicate keys in one object;
//! - strings must be well-formed UTF-8, with no raw control characters and
//!   no lone surrogates (`\ud800`); nothing but whitespace may follow the value.
//!
//! Numbers keep their source text ([`Number`]), so an id is accepted only
//! when it is written as a non-negative integer that a JS number holds
//! exactly: `1.0`, `1e3`, `-1` and `9007199254740992` are not ids.
//!
//! With the `serde` feature, [`Json`] implements `Serialize` and
//! `Deserialize`; a deserialized value is held to the same bounds.
//!
//! Errors are `invalid_webhook`. A syntax error names the byte offset; the
//! field of any other error is the path of the value at fault (`a.0.b`, keys
//! and array indices joined by `.`), or none at the root.
//!
//! ```
//! use vivomeetings_embed::core::json::{self, Json};
//! let v = json::parse_str(r#" {"a": [1, 2.5e1, "x\n"], "b": null} "#)?;
//! assert_eq!(v.get("a").and_then(Json::as_array).map(|a| a.len()), Some(3));
//! assert_eq!(v.to_json(), r#"{"a":[1,2.5e1,"x\n"],"b":null}"#);
//! let e = json::parse_str(r#"{"a": {"__proto__": 1}}"#).unwrap_err();
//! assert_eq!(e.to_string(), "invalid_webhook: a.__proto__: is a forbidden key");
//! # Ok::<(), vivomeetings_embed::core::Error>(())
//! ```

use super::encode::{char_strs, is_control_str, push_u64, utf8_char};
use super::error::{Error, ErrorCode, Result};

/// The longest text accepted, in bytes: 64 KiB.
pub const MAX_INPUT: usize = 64 * 1024;

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 32;

/// The largest integer a JS number holds exactly: 2^53 - 1.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Keys refused at any depth: in JS they reach or replace an object's prototype.
pub const FORBIDDEN_KEYS: [&str; 3] = ["__proto__", "constructor", "prototype"];

/// A parsed JSON value. Objects keep their keys in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object: its members in order, with no duplicate keys.
    Object(Vec<(String, Json)>),
}

/// A JSON number, kept exactly as it was written (e.g. `-0.5e10`).
///
/// ```
/// use vivomeetings_embed::core::json::{self, Json};
/// let id = |s: &str| json::parse_str(s).ok().and_then(|v| v.as_number().and_then(|n| n.as_id()));
/// assert_eq!(id("1258835"), Some(1258835));
/// assert_eq!(id("9007199254740991"), Some(9007199254740991));
/// assert_eq!([id("1.0"), id("1e3"), id("-1"), id("9007199254740992")], [None; 4]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(String);

impl Number {
    /// The number from a non-negative integer (written in decimal).
    pub fn from_u64(n: u64) -> Number {
        let mut s = String::new();
        push_u64(&mut s, n);
        Number(s)
    }

    /// Checks that `text` is a JSON number (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    pub fn parse(text: &str) -> Option<Number> {
        let mut p = Parser {
            b: text.as_bytes(),
            i: 0,
            syntax_error: false,
        };
        match p.number() {
            Ok(n) if p.i == text.len() => Some(n),
            _ => None,
        }
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value when it is written as a non-negative integer no greater
    /// than [`MAX_SAFE_INTEGER`]: only digits, no sign, fraction or exponent.
    pub fn as_id(&self) -> Option<u64> {
        let s = &self.0;
        if s.is_empty() || s.len() > 16 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        (n <= MAX_SAFE_INTEGER).then_some(n)
    }
}

impl Json {
    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// A string's value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Json::Number(n) => Some(n),
            _ => None,
        }
    }

    /// A boolean's value.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An array's elements.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// An object's members, in order.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// What the value is, for messages: `null`, `a boolean`, `a number`,
    /// `a string`, `an array` or `an object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Appends the value as compact JSON text: no whitespace, numbers as
    /// written, strings escaped as `JSON.stringify` escapes them (`\"`, `\\`,
    /// `\b \f \n \r \t`, other control characters as `\u00XX`).
    ///
    /// ```
    /// use vivomeetings_embed::core::json::{Json, Number};
    /// let v = Json::Object(vec![
    ///     ("id".into(), Json::Number(Number::from_u64(7))),
    ///     ("say".into(), Json::String("\"hi\"\t\u{1}é".into())),
    ///     ("list".into(), Json::Array(vec![Json::Null, Json::Bool(true)])),
    /// ]);
    /// let mut out = String::new();
    /// v.write(&mut out);
    /// assert_eq!(out, r#"{"id":7,"say":"\"hi\"\t\u0001é","list":[null,true]}"#);
    /// ```
    pub fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(true) => out.push_str("true"),
            Json::Bool(false) => out.push_str("false"),
            Json::Number(n) => out.push_str(n.as_str()),
            Json::String(s) => write_string(out, s),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// The value as compact JSON text (see [`Json::write`]).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// Appends `s` as a JSON string literal, quotes included (see [`Json::write`]).
pub fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte, so both slices are on character boundaries.
        out.push_str(s.get(start..i).unwrap_or_default());
        start = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Parses a JSON text of at most [`MAX_INPUT`] bytes (see the module docs).
pub fn parse(text: &[u8]) -> Result<Json> {
    parse_within(text, 0)
}

/// [`parse`] for a `&str`.
pub fn parse_str(text: &str) -> Result<Json> {
    parse(text.as_bytes())
}

/// Parses a JSON text found `depth` levels deep inside another JSON value
/// (e.g. a string member of an object: `depth` 1), so that the nesting of
/// both counts against [`MAX_DEPTH`] together: the text's own arrays and
/// objects may nest at most `MAX_DEPTH - depth` levels.
///
/// ```
/// use vivomeetings_embed::core::json;
/// let deep = "[".repeat(31) + &"]".repeat(31);
/// assert!(json::parse_within(deep.as_bytes(), 1).is_ok());
/// assert!(json::parse_within(deep.as_bytes(), 2).is_err());
/// ```
pub fn parse_within(text: &[u8], depth: usize) -> Result<Json> {
    if text.len() > MAX_INPUT {
        return Err(Error::new(
            ErrorCode::InvalidWebhook,
            "",
            "is over 64 KiB (65,536 bytes)",
        ));
    }
    let mut p = Parser {
        b: text,
        i: 0,
        syntax_error: false,
    };
    p.ws();
    let value = p.value(depth)?;
    p.ws();
    if p.i < text.len() {
        return Err(p.syntax("unexpected data after the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    /// Whether the error being returned is a syntax error: those name the
    /// byte offset instead of a path.
    syntax_error: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.i += usize::from(hit);
        hit
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    #[inline(never)]
    fn syntax(&mut self, what: &str) -> Error {
        self.syntax_error = true;
        let mut detail = String::from("is not valid JSON: ");
        detail.push_str(what);
        detail.push_str(" at byte ");
        push_u64(&mut detail, self.i as u64);
        Error::new(ErrorCode::InvalidWebhook, "", &detail)
    }

    fn value(&mut self, depth: usize) -> Result<Json> {
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Number),
            Some(_) => Err(self.syntax("unexpected character")),
            None => Err(self.syntax("unexpected end")),
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json> {
        let end = self.i + word.len();
        if self.b.get(self.i..end) == Some(word.as_bytes()) {
            self.i = end;
            Ok(value)
        } else {
            Err(self.syntax("unexpected character"))
        }
    }

    /// Consumes `[` or `{`: the depth of the container's members.
    fn open(&mut self, depth: usize) -> Result<usize> {
        if depth >= MAX_DEPTH {
            return Err(Error::new(
                ErrorCode::InvalidWebhook,
                "",
                "nests deeper than 32 levels",
            ));
        }
        self.i += 1;
        self.ws();
        Ok(depth + 1)
    }

    fn array(&mut self, depth: usize) -> Result<Json> {
        let inner = self.open(depth)?;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            match self.value(inner) {
                Ok(v) => items.push(v),
                Err(e) if self.syntax_error => return Err(e),
                Err(e) => {
                    let mut index = String::new();
                    push_u64(&mut index, items.len() as u64);
                    return Err(e.within(&index));
                }
            }
            self.ws();
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.syntax("expected ',' or ']'"));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json> {
        let inner = self.open(depth)?;
        let mut members: Vec<(String, Json)> = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a string key"));
            }
            let key = self.string()?;
            if FORBIDDEN_KEYS.contains(&key.as_str()) {
                return Err(Error::new(
                    ErrorCode::InvalidWebhook,
                    &key,
                    "is a forbidden key",
                ));
            }
            self.ws();
            if !self.eat(b':') {
                return Err(self.syntax("expected ':'"));
            }
            self.ws();
            match self.value(inner) {
                Ok(value) => members.push((key, value)),
                Err(e) if self.syntax_error => return Err(e),
                Err(e) => return Err(e.within(&path_key(&key))),
            }
            self.ws();
            if self.eat(b'}') {
                check_duplicates(&members)?;
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.syntax("expected ',' or '}'"));
            }
        }
    }

    /// A string literal; `self.i` is at its opening quote.
    fn string(&mut self) -> Result<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.syntax("unterminated string"));
            };
            match b {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    self.escape(&mut out)?;
                }
                0x00..=0x1f => return Err(self.syntax("control character in a string")),
                0x20..=0x7f => {
                    out.push(char::from(b));
                    self.i += 1;
                }
                _ => {
                    let Some((c, len)) = self.b.get(self.i..).and_then(utf8_char) else {
                        return Err(self.syntax("invalid UTF-8"));
                    };
                    out.push(c);
                    self.i += len;
                }
            }
        }
    }

    /// An escape; `self.i` is just after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let hi = self.hex4()?;
                let code = match hi {
                    0xd800..=0xdbff => {
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                            return Err(self.syntax("lone surrogate"));
                        }
                        self.i += 1;
                        let lo = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&lo) {
                            return Err(self.syntax("lone surrogate"));
                        }
                        0x1_0000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(self.syntax("lone surrogate")),
                    _ => hi,
                };
                let Some(c) = char::from_u32(code) else {
                    return Err(self.syntax("lone surrogate"));
                };
                out.push(c);
                return Ok(());
            }
            _ => return Err(self.syntax("invalid escape")),
        };
        out.push(c);
        self.i += 1;
        Ok(())
    }

    /// `uXXXX`; `self.i` is at the `u`. Leaves `self.i` after the digits.
    fn hex4(&mut self) -> Result<u32> {
        let mut code = 0;
        for k in 1..=4 {
            let digit = self
                .b
                .get(self.i + k)
                .and_then(|&b| char::from(b).to_digit(16));
            match digit {
                Some(d) => code = code << 4 | d,
                None => {
                    self.i += k;
                    return Err(self.syntax("invalid \\u escape"));
                }
            }
        }
        self.i += 5;
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Number> {
        let start = self.i;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("invalid number")),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.syntax("invalid number"));
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        let text = self.b.get(start..self.i).unwrap_or_default();
        Ok(Number(text.iter().map(|&b| char::from(b)).collect()))
    }
}

/// Refuses an object with a key twice, in O(n log n).
fn check_duplicates(members: &[(String, Json)]) -> Result<()> {
    if members.len() < 2 {
        return Ok(());
    }
    let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    match keys.windows(2).find(|w| w.first() == w.get(1)) {
        Some(w) => Err(Error::new(
            ErrorCode::InvalidWebhook,
            &path_key(w.first().copied().unwrap_or_default()),
            "is a duplicate key",
        )),
        None => Ok(()),
    }
}

/// A key as shown in an error's field path: at most 64 characters, control
/// characters as `?`.
fn path_key(key: &str) -> String {
    let mut out = String::new();
    let mut chars = char_strs(key);
    for c in chars.by_ref().take(64) {
        out.push_str(if is_control_str(c) { "?" } else { c });
    }
    if chars.next().is_some() {
        #[allow(clippy::single_char_add_str)]
        out.push_str("…");
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(feature = "serde")]
mod serde_impl;
