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
    let scan = Scan {
        source: json,
        text: json.as_bytes(),
        at: 0,
        first: [0; 12],
        length: 0,
        longest: 0,
        kind: None,
        reason: None,
    };
    scan.message().ok_or(Rejection::Shape)
}

/// One pass over the JSON text of a message, checking it without copying
/// it. The scan only advances over what it has checked, so `at` never
/// passes the end of `text`.
struct Scan<'a> {
    source: &'a str,
    text: &'a [u8],
    at: usize,
    /// The first characters of the last string read, escapes decoded, to
    /// compare keys with names: ASCII as it is, anything else as a byte of
    /// 0x80 or more (no name has one).
    first: [u8; 12],
    /// The length of the last string counted as `first` counts: one per
    /// raw UTF-8 byte or escape (a name matches only at its own length).
    length: usize,
    /// The longest string or key seen, in UTF-16 code units.
    longest: usize,
    /// Where the top-level `type` starts, when it is a string of at most
    /// [`MAX_STRING`] code units (a `type` of another kind is refused).
    kind: Option<usize>,
    /// Where the top-level `reason` starts, when it is a string (a leave
    /// with a longer one is refused by `longest`).
    reason: Option<usize>,
}

impl Scan<'_> {
    /// The whole message: an object and nothing after it but spaces.
    fn message(mut self) -> Option<MeetingEvent> {
        if self.text.len() > MAX_MESSAGE {
            return None;
        }
        self.space();
        if self.peek() != b'{' {
            return None;
        }
        self.value(0)?;
        self.space();
        if self.at != self.text.len() {
            return None;
        }
        let kind = self.text(self.kind?);
        if kind != LEAVE_TYPE {
            return Some(MeetingEvent::Unrecognised { kind });
        }
        // In a leave, no string anywhere (keys included) may be longer than 256.
        if self.longest > MAX_STRING {
            return None;
        }
        Some(MeetingEvent::Leave {
            reason: LeaveReason::parse(&self.text(self.reason?)),
        })
    }

    /// The next byte, or 0 at the end.
    fn peek(&self) -> u8 {
        self.text.get(self.at).copied().unwrap_or(0)
    }

    /// Skips spaces. Kept out of line: the scanner calls it from many places.
    #[inline(never)]
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

    /// Whether the last string read is `name` (ASCII).
    fn is(&self, name: &str) -> bool {
        self.first.get(..self.length) == Some(name.as_bytes())
    }

    /// One value at `depth` (0 for the message itself).
    fn value(&mut self, depth: usize) -> Option<()> {
        self.space();
        let close = match self.peek() {
            b'"' => return self.string().map(drop),
            b'[' => b']',
            b'{' => b'}',
            _ => return self.word(),
        };
        if depth >= MAX_DEPTH {
            return None;
        }
        self.at += 1;
        if self.take(close) {
            return Some(());
        }
        loop {
            if close == b'}' {
                self.space();
                self.string()?;
                if self.is("__proto__") || self.is("constructor") || self.is("prototype") {
                    return None;
                }
                let is_type = depth == 0 && self.is("type");
                let is_reason = depth == 0 && self.is("reason");
                if !self.take(b':') {
                    return None;
                }
                self.space();
                let start = self.at;
                if self.peek() == b'"' && (is_type || is_reason) {
                    let units = self.string()?;
                    if is_reason {
                        self.reason = Some(start);
                    } else if units > MAX_STRING {
                        return None;
                    } else {
                        self.kind = Some(start);
                    }
                } else if is_type {
                    // A `type` that is no string is no message.
                    return None;
                } else {
                    self.value(depth + 1)?;
                }
            } else {
                self.value(depth + 1)?;
            }
            if self.take(close) {
                return Some(());
            }
            if !self.take(b',') {
                return None;
            }
        }
    }

    /// `null`, `true`, `false` or a number: the run of bytes up to the next
    /// space, `,`, `]` or `}` (what may follow a value). A number is checked
    /// loosely: a `-` or digit, then digits, signs, dots and exponents.
    fn word(&mut self) -> Option<()> {
        let start = self.at;
        let mut number = matches!(self.peek(), b'-' | b'0'..=b'9');
        loop {
            match self.peek() {
                0 if self.at == self.text.len() => break,
                b' ' | b'\n' | b'\r' | b'\t' | b',' | b']' | b'}' => break,
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9' => {}
                _ => number = false,
            }
            self.at += 1;
        }
        let word = self.text.get(start..self.at)?;
        (number || matches!(word, b"null" | b"true" | b"false")).then_some(())
    }

    /// The escape whose `\` is at `at`: the UTF-16 code unit it stands for
    /// and its length in bytes.
    fn escape(&self, at: usize) -> Option<(u32, usize)> {
        let unit = match *self.text.get(at + 1)? {
            b'u' => {
                let hex = self.text.get(at + 2..at + 6)?;
                let unit = hex
                    .iter()
                    .try_fold(0, |n, &h| Some(n << 4 | char::from(h).to_digit(16)?))?;
                return Some((unit, 6));
            }
            b'n' => 10,
            b'r' => 13,
            b't' => 9,
            b'b' => 8,
            b'f' => 12,
            e @ (b'"' | b'\\' | b'/') => u32::from(e),
            _ => return None,
        };
        Some((unit, 2))
    }

    /// Checks the string at `at` and steps over it. Returns its length in
    /// UTF-16 code units as JS would see it (also noted in `longest`), and
    /// keeps its first characters in `first`.
    ///
    /// A JS string decoded from it has one code unit per escape (a `\u`
    /// surrogate pair makes two, a lone surrogate becomes U+FFFD), one per
    /// raw UTF-8 leading byte and one more per four-byte character.
    fn string(&mut self) -> Option<usize> {
        if self.peek() != b'"' {
            return None;
        }
        self.at += 1;
        self.length = 0;
        let mut units = 0;
        loop {
            // `None`: the text ended inside the string.
            let b = *self.text.get(self.at)?;
            let c = match b {
                b'"' => break,
                b'\\' => {
                    let (unit, len) = self.escape(self.at)?;
                    self.at += len;
                    units += 1;
                    unit
                }
                _ => {
                    self.at += 1;
                    units += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
                    u32::from(b)
                }
            };
            if let Some(slot) = self.first.get_mut(self.length) {
                *slot = u8::try_from(c).unwrap_or(0x80);
            }
            self.length += 1;
        }
        self.at += 1;
        self.longest = self.longest.max(units);
        Some(units)
    }

    /// The text of the string at `at`, already checked by [`Scan::string`]:
    /// escapes decoded, a `\u` surrogate pair as one character and any
    /// other surrogate as U+FFFD (as JS strings reach Rust).
    fn text(&self, at: usize) -> String {
        let mut out = String::new();
        let mut at = at + 1;
        // Where the current run without escapes began.
        let mut run = at;
        while let Some(&b) = self.text.get(at) {
            if b != b'"' && b != b'\\' {
                at += 1;
                continue;
            }
            // `"` and `\` are ASCII, so the run ends on a character boundary.
            out.push_str(self.source.get(run..at).unwrap_or_default());
            let Some((mut unit, len)) = self.escape(at).filter(|_| b == b'\\') else {
                break; // the closing quote
            };
            at += len;
            if let (0xD800..=0xDBFF, Some((low @ 0xDC00..=0xDFFF, len))) = (unit, self.escape(at)) {
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                at += len;
            }
            out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
            run = at;
        }
        out
    }
}

#[cfg(test)]
mod tests;
