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
    /// An array's length, or an object's number of own enumerable keys.
    fn len(&self) -> usize;
    /// Whether `len() == 0`.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// An object's own enumerable keys, or an array's elements' indices, at most `limit` of them.
    fn keys(&self, limit: usize) -> Vec<Self>;
    /// The value at `key` (an object key or an array index from [`MessageData::keys`]).
    fn get(&self, key: &Self) -> Self;
}

/// Parses a message posted by the meeting iframe.
///
/// Accepted: a plain object with a string `type` of at most 256 code units,
/// no `__proto__`, `constructor` or `prototype` key at any depth, at most
/// 64 KiB in all and nested at most 32 deep. A leave message must carry a
/// string `reason` of at most 256 code units. Extra keys are tolerated.
/// Anything else is `Err(Rejection::Shape)`. Never panics.
pub fn parse_message<D: MessageData>(data: &D) -> Result<MeetingEvent, Rejection> {
    if data.kind() != Kind::Object {
        return Err(Rejection::Shape);
    }
    let mut budget = MAX_MESSAGE;
    walk(data, 0, &mut budget)?;
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

/// Walks the whole value once, charging its size to `budget`.
fn walk<D: MessageData>(v: &D, depth: usize, budget: &mut usize) -> Result<(), Rejection> {
    let charge = |budget: &mut usize, n: usize| -> Result<(), Rejection> {
        *budget = budget.checked_sub(n).ok_or(Rejection::Shape)?;
        Ok(())
    };
    charge(budget, 1)?;
    match v.kind() {
        Kind::Null | Kind::Scalar => Ok(()),
        Kind::String => charge(budget, v.str_len()),
        Kind::Other => Err(Rejection::Shape),
        Kind::Array | Kind::Object => {
            if depth >= MAX_DEPTH {
                return Err(Rejection::Shape);
            }
            let n = v.len();
            charge(budget, n)?;
            let is_object = v.kind() == Kind::Object;
            for key in v.keys(n) {
                if is_object {
                    charge(budget, key.str_len())?;
                    if key.str_len() <= 16 {
                        let name = key.as_string();
                        if matches!(
                            name.as_deref(),
                            Some("__proto__" | "constructor" | "prototype")
                        ) {
                            return Err(Rejection::Shape);
                        }
                    }
                }
                walk(&v.get(&key), depth + 1, budget)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
