//! Meeting events posted by the meeting iframe (handbook 9.5), parsed
//! defensively: the data comes from another window and is never trusted.

/// The `type` of the handbook's leave message.
pub const LEAVE_TYPE: &str = "vivomeetingsLeaveCallEvent";

/// The longest string accepted in a leave message, in UTF-16 code units.
pub const MAX_STRING: usize = 256;

/// The largest message accepted: keys and strings together, in UTF-16 code
/// units, plus a little per value. Larger messages are rejected unread.
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

/// The kind of a value in received message data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null` or `undefined`.
    Null,
    /// A boolean or a number.
    Scalar,
    /// A string.
    String,
    /// An array.
    Array,
    /// A plain object.
    Object,
    /// Anything else (functions cannot be posted; Blobs, Dates, typed arrays…).
    Other,
}

/// Read access to received message data, implemented for `JsValue` by the
/// browser layer and for test values natively.
///
/// Every method is cheap and bounded: lengths are asked before anything is
/// copied, so a 1 MB string is rejected without being copied into Rust.
pub trait MessageData: Sized {
    /// The value's kind.
    fn kind(&self) -> Kind;
    /// A string's length in UTF-16 code units (0 for non-strings).
    fn str_len(&self) -> usize;
    /// A string's value (None for non-strings).
    fn as_string(&self) -> Option<String>;
    /// An array's `length` (holes included), or an object's number of own enumerable keys.
    fn len(&self) -> usize;
    /// Whether `len() == 0`.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The own enumerable keys (an array's indices and any named keys), at most `limit` of them.
    fn keys(&self, limit: usize) -> Vec<Self>;
    /// The value at `key` (an object key or an array index from [`MessageData::keys`]).
    fn get(&self, key: &Self) -> Self;
}

/// Parses a message posted by the meeting iframe.
///
/// Accepted: a plain object with a string `type` of at most 256 code units,
/// no `__proto__`, `constructor` or `prototype` key at any depth (in arrays
/// too), at most 64 KiB in all (arrays counted by `length`) and nested at
/// most 32 deep. A leave message must carry a string `reason`, and no string
/// in it may be longer than 256 code units. Extra keys are tolerated.
/// Anything else is `Err(Rejection::Shape)`. Never panics.
pub fn parse_message<D: MessageData>(data: &D) -> Result<MeetingEvent, Rejection> {
    if data.kind() != Kind::Object {
        return Err(Rejection::Shape);
    }
    let mut walk = Walk {
        budget: MAX_MESSAGE,
        longest: 0,
    };
    walk.value(data, 0)?;
    let (mut kind, mut reason) = (None, None);
    for key in data.keys(usize::MAX) {
        match key.as_string().as_deref() {
            Some("type") => kind = Some(short_string(&data.get(&key))?),
            Some("reason") => reason = Some(data.get(&key)),
            _ => {}
        }
    }
    let kind = kind.ok_or(Rejection::Shape)?;
    if kind != LEAVE_TYPE {
        return Ok(MeetingEvent::Unrecognised { kind });
    }
    // In a leave, no string anywhere (keys included) may be longer than 256.
    if walk.longest > MAX_STRING {
        return Err(Rejection::Shape);
    }
    let reason = short_string(&reason.ok_or(Rejection::Shape)?)?;
    Ok(MeetingEvent::Leave {
        reason: LeaveReason::parse(&reason),
    })
}

fn short_string<D: MessageData>(v: &D) -> Result<String, Rejection> {
    if v.kind() != Kind::String || v.str_len() > MAX_STRING {
        return Err(Rejection::Shape);
    }
    v.as_string().ok_or(Rejection::Shape)
}

/// One pass over a whole value, charging its size to a budget.
struct Walk {
    /// What is left of [`MAX_MESSAGE`].
    budget: usize,
    /// The longest string or key seen, in UTF-16 code units.
    longest: usize,
}

impl Walk {
    fn charge(&mut self, n: usize) -> Result<(), Rejection> {
        self.budget = self.budget.checked_sub(n).ok_or(Rejection::Shape)?;
        Ok(())
    }

    fn string(&mut self, len: usize) -> Result<(), Rejection> {
        self.longest = self.longest.max(len);
        self.charge(len)
    }

    fn value<D: MessageData>(&mut self, v: &D, depth: usize) -> Result<(), Rejection> {
        self.charge(1)?;
        match v.kind() {
            Kind::Null | Kind::Scalar => Ok(()),
            Kind::String => self.string(v.str_len()),
            Kind::Other => Err(Rejection::Shape),
            Kind::Array | Kind::Object => {
                if depth >= MAX_DEPTH {
                    return Err(Rejection::Shape);
                }
                // An array is charged its length, holes included, so a
                // sparse array of length 2^32-1 is too large however few
                // elements it has.
                self.charge(v.len())?;
                // Keys of arrays too: an array can carry named own keys.
                for key in v.keys(self.budget + 1) {
                    self.string(key.str_len())?;
                    if key.str_len() <= 16 {
                        let name = key.as_string();
                        if matches!(
                            name.as_deref(),
                            Some("__proto__" | "constructor" | "prototype")
                        ) {
                            return Err(Rejection::Shape);
                        }
                    }
                    self.value(&v.get(&key), depth + 1)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests;
