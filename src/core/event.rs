//! Meeting events posted by the meeting iframe (handbook 9.5), parsed
//! defensively: the data comes from another window and is never trusted.

/// The `type` of the handbook's leave message.
pub const LEAVE_TYPE: &str = "vivomeetingsLeaveCallEvent";

/// The longest string accepted in a leave message, in UTF-16 code units.
pub const MAX_STRING: usize = 256;

/// The largest message accepted, in bytes of JSON text. Larger messages
/// are rejected unread.
pub const MAX_MESSAGE: usize = 64 * 1024;

/// The deepest nesting of objects and arrays accepted.
pub const MAX_DEPTH: usize = 32;

/// Why the participant left (`reason`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LeaveReason {
    /// `left`: the participant hung up.
    Left,
    /// `kicked`: removed by the moderator or host.
    Kicked,
    /// `blocked`: removed and blocked from rejoining.
    Blocked,
    /// A reason the handbook does not list yet, kept as sent.
    Other(String),
}

impl LeaveReason {
    /// Maps the wire form to a reason.
    pub fn parse(s: &str) -> LeaveReason {
        match s {
            "left" => LeaveReason::Left,
            "kicked" => LeaveReason::Kicked,
            "blocked" => LeaveReason::Blocked,
            other => LeaveReason::Other(other.to_owned()),
        }
    }

    /// The wire form.
    pub fn as_str(&self) -> &str {
        match self {
            LeaveReason::Left => "left",
            LeaveReason::Kicked => "kicked",
            LeaveReason::Blocked => "blocked",
            LeaveReason::Other(s) => s,
        }
    }
}

/// A validated message from the meeting iframe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingEvent {
    /// `vivomeetingsLeaveCallEvent`: the participant left the call.
    Leave {
        /// Why.
        reason: LeaveReason,
    },
    /// A message with another string `type`; the platform adds new ones over time.
    Unrecognised {
        /// The message's `type`.
        kind: String,
    },
}

impl MeetingEvent {
    /// The message's own `type` string.
    pub fn message_type(&self) -> &str {
        match self {
            MeetingEvent::Leave { .. } => LEAVE_TYPE,
            MeetingEvent::Unrecognised { kind } => kind,
        }
    }
}

/// Why a message was dropped (the `reason` given to `onRejected`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// `origin`: the sender's origin is not the embed's platform origin.
    Origin,
    /// `source`: the sender is not the embed's own iframe.
    Source,
    /// `shape`: the data is not a well-formed message.
    Shape,
}

impl Rejection {
    /// The wire form: `origin`, `source` or `shape`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rejection::Origin => "origin",
            Rejection::Source => "source",
            Rejection::Shape => "shape",
        }
    }
}

/// Parses a message posted by the meeting iframe, given as JSON text: the
/// JS layer writes the received data with its own strict serializer
/// (`js/embed.js`), which refuses what JSON cannot carry faithfully (Dates,
/// Maps, Blobs, typed arrays, arrays with holes or named keys, cycles);
/// Rust callers pass the JSON they received.
///
/// Accepted: a JSON object with a string `type` of at most 256 UTF-16 code
/// units, no `__proto__`, `constructor` or `prototype` key at any depth
/// (escaped forms included), at most 64 KiB of text, nested at most 32
/// deep. A leave message must carry a string `reason`, and no string or key
/// in it may be longer than 256 code units. Extra keys are tolerated.
/// Anything else is `Err(Rejection::Shape)`. Never panics.
///
/// ```
/// use vivomeetings_embed::core::{parse_message, LeaveReason, MeetingEvent, Rejection};
/// assert_eq!(
///     parse_message(r#"{"type":"vivomeetingsLeaveCallEvent","reason":"kicked"}"#),
///     Ok(MeetingEvent::Leave { reason: LeaveReason::Kicked })
/// );
/// assert_eq!(parse_message(r#"{"type":"x","__proto__":{}}"#), Err(Rejection::Shape));
/// ```
pub fn parse_message(json: &str) -> Result<MeetingEvent, Rejection> {
    if json.len() > MAX_MESSAGE {
        return Err(Rejection::Shape);
    }
    let mut scan = Scan {
        source: json,
        text: json.as_bytes(),
        at: 0,
        longest: 0,
        top: [None, None],
    };
    scan.space();
    if scan.peek() != b'{' {
        return Err(Rejection::Shape);
    }
    scan.value(0)?;
    scan.space();
    if scan.at != json.len() {
        return Err(Rejection::Shape);
    }
    let [kind, reason] = scan.top;
    let kind = kind.ok_or(Rejection::Shape)?;
    if kind != LEAVE_TYPE {
        return Ok(MeetingEvent::Unrecognised { kind });
    }
    // In a leave, no string anywhere (keys included) may be longer than 256.
    if scan.longest > MAX_STRING {
        return Err(Rejection::Shape);
    }
    let reason = reason.ok_or(Rejection::Shape)?;
    Ok(MeetingEvent::Leave {
        reason: LeaveReason::parse(&reason),
    })
}

/// One pass over the JSON text of a message.
struct Scan<'a> {
    source: &'a str,
    text: &'a [u8],
    at: usize,
    /// The longest string or key seen, in UTF-16 code units.
    longest: usize,
    /// The top-level `type` and `reason`, when they are strings of at most
    /// [`MAX_STRING`] code units (a `type` of another kind is refused).
    top: [Option<String>; 2],
}

impl Scan<'_> {
    fn peek(&self) -> u8 {
        self.text.get(self.at).copied().unwrap_or(0)
    }

    fn space(&mut self) {
        while matches!(self.peek(), b' ' | b'\n' | b'\r' | b'\t') {
            self.at += 1;
        }
    }

    /// Consumes `b` (after spaces) if it is next.
    fn take(&mut self, b: u8) -> bool {
        self.space();
        let next = self.peek() == b;
        self.at += usize::from(next);
        next
    }

    /// One value at `depth` (0 for the message itself).
    fn value(&mut self, depth: usize) -> Result<(), Rejection> {
        self.space();
        let rest = self.text.get(self.at..).unwrap_or_default();
        for word in [&b"null"[..], b"true", b"false"] {
            if rest.starts_with(word) {
                self.at += word.len();
                return Ok(());
            }
        }
        let (open, close) = match self.peek() {
            b'"' => return self.string().map(drop),
            b'-' | b'0'..=b'9' => {
                self.at += rest
                    .iter()
                    .take_while(|b| matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                    .count();
                return Ok(());
            }
            b'[' => (b'[', b']'),
            b'{' => (b'{', b'}'),
            _ => return Err(Rejection::Shape),
        };
        if depth >= MAX_DEPTH {
            return Err(Rejection::Shape);
        }
        self.at += 1;
        if self.take(close) {
            return Ok(());
        }
        loop {
            if open == b'{' {
                self.space();
                let key = self.string()?;
                if matches!(key.as_str(), "__proto__" | "constructor" | "prototype") {
                    return Err(Rejection::Shape);
                }
                if !self.take(b':') {
                    return Err(Rejection::Shape);
                }
                let slot = match (depth, key.as_str()) {
                    (0, "type") => Some(0),
                    (0, "reason") => Some(1),
                    _ => None,
                };
                match slot {
                    Some(i) => {
                        self.space();
                        let text = (self.peek() == b'"').then(|| self.string()).transpose()?;
                        match text {
                            Some(t) if t.encode_utf16().count() <= MAX_STRING => {
                                self.top[i] = Some(t)
                            }
                            // A `type` that is no short string is no message.
                            _ if i == 0 => return Err(Rejection::Shape),
                            Some(_) => {}
                            None => self.value(depth + 1)?,
                        }
                    }
                    None => self.value(depth + 1)?,
                }
            } else {
                self.value(depth + 1)?;
            }
            if self.take(close) {
                return Ok(());
            }
            if !self.take(b',') {
                return Err(Rejection::Shape);
            }
        }
    }

    /// A string, escapes decoded (a `\uXXXX` surrogate pair is one
    /// character; a lone surrogate becomes U+FFFD, as JS strings reach Rust).
    /// Counts its length in UTF-16 code units into `longest`.
    fn string(&mut self) -> Result<String, Rejection> {
        if self.peek() != b'"' {
            return Err(Rejection::Shape);
        }
        self.at += 1;
        let mut out = String::new();
        let mut high: Option<u32> = None;
        loop {
            // A run without escapes, copied as it is: `"` and `\` are ASCII,
            // so the run ends on a character boundary.
            let rest = self.text.get(self.at..).unwrap_or_default();
            let run = rest
                .iter()
                .take_while(|&&b| b != b'"' && b != b'\\')
                .count();
            if run > 0 {
                if high.take().is_some() {
                    out.push('\u{FFFD}');
                }
                let text = self.source.get(self.at..self.at + run);
                out.push_str(text.ok_or(Rejection::Shape)?);
                self.at += run;
            }
            let b = self.peek();
            self.at += 1;
            if b == b'"' {
                break;
            }
            if b != b'\\' {
                return Err(Rejection::Shape); // the text ended inside the string
            }
            let e = self.peek();
            self.at += 1;
            let unit = match e {
                b'u' => {
                    let hex = self
                        .text
                        .get(self.at..self.at + 4)
                        .ok_or(Rejection::Shape)?;
                    self.at += 4;
                    hex.iter()
                        .try_fold(0u32, |n, h| Some(n * 16 + char::from(*h).to_digit(16)?))
                        .ok_or(Rejection::Shape)?
                }
                b'n' => 10,
                b'r' => 13,
                b't' => 9,
                b'b' => 8,
                b'f' => 12,
                b'"' | b'\\' | b'/' => u32::from(e),
                _ => return Err(Rejection::Shape),
            };
            // Pairs surrogates from escapes; a lone one becomes U+FFFD.
            let c = match (high.take(), unit) {
                (Some(h), 0xDC00..=0xDFFF) => 0x10000 + ((h - 0xD800) << 10) + (unit - 0xDC00),
                (h, _) => {
                    if h.is_some() {
                        out.push('\u{FFFD}');
                    }
                    if (0xD800..=0xDBFF).contains(&unit) {
                        high = Some(unit);
                        continue;
                    }
                    unit
                }
            };
            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
        }
        if high.is_some() {
            out.push('\u{FFFD}');
        }
        self.longest = self.longest.max(out.encode_utf16().count());
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
