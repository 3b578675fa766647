//! Webhooks (handbook section 11): the platform POSTs
//! `{"event": "<name>", "payload": "<escaped serialized JSON object>"}` to an
//! endpoint URL the partner registered, with the payload double-encoded.
//!
//! [`parse`] turns such a body into a typed [`WebhookEvent`]; [`check_secret`]
//! checks the secret the partner put in the endpoint URL (the handbook
//! defines no signature). Both are defensive: the body comes from the
//! network and is never trusted. Every refusal is `invalid_webhook`.
//!
//! ```
//! use vivomeetings_embed::core::webhook::{self, WebhookEvent};
//! let body = r#"{"event":"conference_end","payload":"{\"conference_id\":1258835,\"host_id\":61803}"}"#;
//! let event = webhook::parse_str(body)?;
//! assert_eq!(event, WebhookEvent::ConferenceEnd { host_id: 61803, conference_id: 1258835 });
//! assert_eq!(event.to_json(), r#"{"event":"conference_end","known":true,"hostId":61803,"conferenceId":1258835}"#);
//! # Ok::<(), vivomeetings_embed::core::Error>(())
//! ```

use super::domain::Authority;
use super::encode::{
    find_byte, find_scheme_sep, has_space_or_control, percent_decode, push_u64, split_byte,
};
use super::error::{Error, ErrorCode, Result};
use super::json::{self, Json};

/// The largest body accepted, in bytes: 64 KiB (the JSON parser's [`json::MAX_INPUT`]).
pub const MAX_BODY: usize = json::MAX_INPUT;

/// The ten event names of the handbook (11.2 to 11.11), in its order.
pub const EVENT_NAMES: [&str; 10] = [
    "conference_start",
    "conference_end",
    "start_recording",
    "stop_recording",
    "start_streaming",
    "stop_streaming",
    "recording_ready",
    "transcription_ready",
    "enter_livestream",
    "leave_livestream",
];

/// A webhook event: one of the handbook's ten, or an event this version
/// does not know yet.
///
/// Ids are integers from 0 to 2^53 - 1, the range a JS number holds exactly.
/// The enum is `#[non_exhaustive]`: an event the handbook adds later gets
/// its own variant instead of [`WebhookEvent::Unknown`].
///
/// With the `serde` feature it serializes to the object of
/// [`WebhookEvent::to_json`], and deserializing one checks what [`parse`] checks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "wire::Wire", into = "wire::Wire")
)]
#[non_exhaustive]
pub enum WebhookEvent {
    /// `conference_start` (11.2).
    ConferenceStart {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `conference_end` (11.3).
    ConferenceEnd {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `start_recording` (11.4).
    StartRecording {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `stop_recording` (11.5).
    StopRecording {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `start_streaming` (11.6).
    StartStreaming {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `stop_streaming` (11.7).
    StopStreaming {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `recording_ready` (11.8): a recording can be downloaded.
    RecordingReady {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
        /// The recording.
        recording_id: u64,
        /// A link to the recording's mp3 or mp4: an absolute `https:` URL
        /// whose host is a name or a public IPv4 address (see [`check_download_link`]).
        download_link: String,
    },
    /// `transcription_ready` (11.9).
    TranscriptionReady {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
    },
    /// `enter_livestream` (11.10): a participant entered the livestream.
    EnterLivestream {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
        /// The participant.
        participant_id: u64,
    },
    /// `leave_livestream` (11.11): a participant left the livestream.
    LeaveLivestream {
        /// The conference's host.
        host_id: u64,
        /// The conference.
        conference_id: u64,
        /// The participant.
        participant_id: u64,
    },
    /// An event name the handbook does not list (yet): kept as sent.
    Unknown {
        /// The event's name.
        event: String,
        /// The decoded payload: always a [`Json::Object`].
        payload: Json,
    },
}

impl WebhookEvent {
    /// The event's name as sent, e.g. `"recording_ready"`.
    pub fn event_name(&self) -> &str {
        match self {
            WebhookEvent::ConferenceStart { .. } => "conference_start",
            WebhookEvent::ConferenceEnd { .. } => "conference_end",
            WebhookEvent::StartRecording { .. } => "start_recording",
            WebhookEvent::StopRecording { .. } => "stop_recording",
            WebhookEvent::StartStreaming { .. } => "start_streaming",
            WebhookEvent::StopStreaming { .. } => "stop_streaming",
            WebhookEvent::RecordingReady { .. } => "recording_ready",
            WebhookEvent::TranscriptionReady { .. } => "transcription_ready",
            WebhookEvent::EnterLivestream { .. } => "enter_livestream",
            WebhookEvent::LeaveLivestream { .. } => "leave_livestream",
            WebhookEvent::Unknown { event, .. } => event,
        }
    }

    /// Whether the event is one of the handbook's ten (not [`WebhookEvent::Unknown`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, WebhookEvent::Unknown { .. })
    }

    /// The host id and conference id of a known event.
    pub fn ids(&self) -> Option<(u64, u64)> {
        match *self {
            WebhookEvent::ConferenceStart {
                host_id,
                conference_id,
            }
            | WebhookEvent::ConferenceEnd {
                host_id,
                conference_id,
            }
            | WebhookEvent::StartRecording {
                host_id,
                conference_id,
            }
            | WebhookEvent::StopRecording {
                host_id,
                conference_id,
            }
            | WebhookEvent::StartStreaming {
                host_id,
                conference_id,
            }
            | WebhookEvent::StopStreaming {
                host_id,
                conference_id,
            }
            | WebhookEvent::RecordingReady {
                host_id,
                conference_id,
                ..
            }
            | WebhookEvent::TranscriptionReady {
                host_id,
                conference_id,
            }
            | WebhookEvent::EnterLivestream {
                host_id,
                conference_id,
                ..
            }
            | WebhookEvent::LeaveLivestream {
                host_id,
                conference_id,
                ..
            } => Some((host_id, conference_id)),
            WebhookEvent::Unknown { .. } => None,
        }
    }

    /// The event as compact JSON text, as the JS server entry returns it:
    /// flat, camelCase, with `known` telling the handbook's events from
    /// others. Keys come in this order: `event`, `known`, `hostId`,
    /// `conferenceId`, then `recordingId` and `downloadLink`, or
    /// `participantId`; an unknown event has `event`, `known` and `payload`.
    ///
    /// ```
    /// use vivomeetings_embed::core::webhook::{self, WebhookEvent};
    /// let ready = WebhookEvent::RecordingReady {
    ///     host_id: 61803,
    ///     conference_id: 1258835,
    ///     recording_id: 5,
    ///     download_link: "https://cdn.example.com/r/5.mp4".into(),
    /// };
    /// assert_eq!(
    ///     ready.to_json(),
    ///     r#"{"event":"recording_ready","known":true,"hostId":61803,"conferenceId":1258835,"recordingId":5,"downloadLink":"https://cdn.example.com/r/5.mp4"}"#
    /// );
    /// let enter = WebhookEvent::EnterLivestream { host_id: 1, conference_id: 2, participant_id: 3 };
    /// assert_eq!(
    ///     enter.to_json(),
    ///     r#"{"event":"enter_livestream","known":true,"hostId":1,"conferenceId":2,"participantId":3}"#
    /// );
    /// let other = webhook::parse_str(r#"{"event":"chat_message","payload":"{\"text\":\"hi\\n\",\"n\":[1.5]}"}"#)?;
    /// assert_eq!(
    ///     other.to_json(),
    ///     r#"{"event":"chat_message","known":false,"payload":{"text":"hi\n","n":[1.5]}}"#
    /// );
    /// # Ok::<(), vivomeetings_embed::core::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"event\":");
        json::write_string(&mut out, self.event_name());
        let Some((host_id, conference_id)) = self.ids() else {
            out.push_str(",\"known\":false,\"payload\":");
            if let WebhookEvent::Unknown { payload, .. } = self {
                payload.write(&mut out);
            }
            out.push('}');
            return out;
        };
        out.push_str(",\"known\":true");
        push_id(&mut out, "hostId", host_id);
        push_id(&mut out, "conferenceId", conference_id);
        match self {
            WebhookEvent::RecordingReady {
                recording_id,
                download_link,
                ..
            } => {
                push_id(&mut out, "recordingId", *recording_id);
                out.push_str(",\"downloadLink\":");
                json::write_string(&mut out, download_link);
            }
            WebhookEvent::EnterLivestream { participant_id, .. }
            | WebhookEvent::LeaveLivestream { participant_id, .. } => {
                push_id(&mut out, "participantId", *participant_id);
            }
            _ => {}
        }
        out.push('}');
        out
    }
}

fn push_id(out: &mut String, key: &str, id: u64) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
    push_u64(out, id);
}

fn invalid(field: &str, detail: &str) -> Error {
    Error::new(ErrorCode::InvalidWebhook, field, detail)
}

/// Parses a webhook body: the raw bytes of the POST request.
///
/// The body must be a JSON object of at most 64 KiB with a non-empty string
/// `event` and a string `payload` holding the JSON text of an object (the
/// handbook's double encoding); other keys are ignored. Both levels obey the
/// bounds of [`json`], with nesting counted in total (the payload's object
/// sits at level 2). A known event needs its ids (`payload.host_id`, …) as
/// JSON integers from 0 to 2^53 - 1, and `recording_ready` a safe
/// `download_link` ([`check_download_link`]); extra payload keys are ignored.
/// An unknown event name is not an error: it gives [`WebhookEvent::Unknown`].
///
/// Errors are `invalid_webhook`, their field naming what is wrong: `body`,
/// `event`, `payload`, `payload.conference_id`, a key's path, ….
///
/// ```
/// use vivomeetings_embed::core::webhook;
/// let e = webhook::parse(br#"{"event":"conference_start","payload":"{\"host_id\":1,\"conference_id\":-5}"}"#).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "invalid_webhook: payload.conference_id: must be an integer from 0 to 9007199254740991 (got '-5')"
/// );
/// let e = webhook::parse(br#"{"event":"conference_start","payload":{"host_id":1}}"#).unwrap_err();
/// assert_eq!(e.to_string(), "invalid_webhook: payload: must be a string holding a JSON object, not an object");
/// assert_eq!(webhook::parse(b"[]").unwrap_err().to_string(), "invalid_webhook: body: must be a JSON object, not an array");
/// ```
pub fn parse(body: &[u8]) -> Result<WebhookEvent> {
    if body.len() > MAX_BODY {
        return Err(invalid("body", "is over 64 KiB (65,536 bytes)"));
    }
    let outer = json::parse(body).map_err(|e| {
        if e.field().is_none() {
            e.within("body")
        } else {
            e
        }
    })?;
    if !matches!(outer, Json::Object(_)) {
        return Err(not_an_object("body", &outer));
    }
    let event = match outer.get("event") {
        None => return Err(invalid("event", "is missing")),
        Some(Json::String(s)) if s.is_empty() => return Err(invalid("event", "must not be empty")),
        Some(Json::String(s)) => s,
        Some(other) => return Err(must_be("event", "a string", other)),
    };
    let payload = match outer.get("payload") {
        None => return Err(invalid("payload", "is missing")),
        Some(Json::String(s)) => s,
        Some(other) => return Err(must_be("payload", "a string holding a JSON object", other)),
    };
    // The payload's text sits in a string member of the outer object, so
    // its own value is at level 2 of the whole.
    let payload = json::parse_within(payload.as_bytes(), 1).map_err(|e| e.within("payload"))?;
    from_parts(event, payload)
}

/// [`parse`] for a body already decoded as text.
pub fn parse_str(body: &str) -> Result<WebhookEvent> {
    parse(body.as_bytes())
}

/// The event named `event` from its decoded payload.
fn from_parts(event: &str, payload: Json) -> Result<WebhookEvent> {
    if !matches!(payload, Json::Object(_)) {
        return Err(not_an_object("payload", &payload));
    }
    if !EVENT_NAMES.contains(&event) {
        return Ok(WebhookEvent::Unknown {
            event: event.to_owned(),
            payload,
        });
    }
    let p = &payload;
    let host_id = id(p, "host_id")?;
    let conference_id = id(p, "conference_id")?;
    Ok(match event {
        "conference_start" => WebhookEvent::ConferenceStart {
            host_id,
            conference_id,
        },
        "conference_end" => WebhookEvent::ConferenceEnd {
            host_id,
            conference_id,
        },
        "start_recording" => WebhookEvent::StartRecording {
            host_id,
            conference_id,
        },
        "stop_recording" => WebhookEvent::StopRecording {
            host_id,
            conference_id,
        },
        "start_streaming" => WebhookEvent::StartStreaming {
            host_id,
            conference_id,
        },
        "stop_streaming" => WebhookEvent::StopStreaming {
            host_id,
            conference_id,
        },
        "recording_ready" => {
            let recording_id = id(p, "recording_id")?;
            let download_link = match p.get("download_link") {
                None => return Err(invalid("payload.download_link", "is missing")),
                Some(Json::String(link)) => {
                    check_download_link(link).map_err(|e| e.within("payload"))?;
                    link.clone()
                }
                Some(other) => return Err(must_be("payload.download_link", "a string", other)),
            };
            WebhookEvent::RecordingReady {
                host_id,
                conference_id,
                recording_id,
                download_link,
            }
        }
        "transcription_ready" => WebhookEvent::TranscriptionReady {
            host_id,
            conference_id,
        },
        "enter_livestream" => WebhookEvent::EnterLivestream {
            host_id,
            conference_id,
            participant_id: id(p, "participant_id")?,
        },
        _ => WebhookEvent::LeaveLivestream {
            host_id,
            conference_id,
            participant_id: id(p, "participant_id")?,
        },
    })
}

fn payload_field(key: &str) -> String {
    let mut field = String::from("payload.");
    field.push_str(key);
    field
}

fn id(payload: &Json, key: &str) -> Result<u64> {
    const RANGE: &str = "must be an integer from 0 to 9007199254740991";
    let field = payload_field(key);
    match payload.get(key) {
        None => Err(invalid(&field, "is missing")),
        Some(Json::Number(n)) => n
            .as_id()
            .ok_or_else(|| Error::with_value(ErrorCode::InvalidWebhook, &field, RANGE, n.as_str())),
        Some(other) => Err(must_be(&field, "an integer", other)),
    }
}

/// `"<field>: must be <what>, not <type>"`.
fn must_be(field: &str, what: &str, got: &Json) -> Error {
    let mut detail = String::from("must be ");
    detail.push_str(what);
    detail.push_str(", not ");
    detail.push_str(got.type_name());
    invalid(field, &detail)
}

fn not_an_object(field: &str, got: &Json) -> Error {
    must_be(field, "a JSON object", got)
}

/// Checks a `download_link`: an absolute `https:` URL with a host, safe for
/// a receiver to fetch. Refused: another scheme (`http:`, `javascript:`, …),
/// relative links, whitespace, control characters or `\` anywhere, user
/// info (`user@`), port 0, host names that are not plain ASCII, and hosts
/// that reach the receiver's own network: `localhost`, `*.localhost`,
/// IPv6 literals (only `[::1]` is even parsed) and IPv4 addresses in
/// `0.0.0.0/8`, `10/8`, `100.64/10` (shared, e.g. a cloud's metadata
/// service), `127/8`, `169.254/16` (link-local, cloud metadata), `172.16/12`,
/// `192.168/16` and `224/3` (multicast, reserved, broadcast).
///
/// Only the URL is checked: a host name can still resolve to an internal
/// address, so a receiver that fetches the link should also restrict where
/// its HTTP client may connect.
///
/// ```
/// use vivomeetings_embed::core::webhook::check_download_link;
/// assert!(check_download_link("https://cdn.example.com/rec/5.mp4?sig=a%2Fb").is_ok());
/// let e = check_download_link("https://169.254.169.254/latest/meta-data/").unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "invalid_webhook: download_link: must not point to a loopback, private or link-local address (got 'https://169.254.169.254/latest/meta-data/')"
/// );
/// assert!(check_download_link("http://cdn.example.com/5.mp4").is_err());
/// ```
pub fn check_download_link(link: &str) -> Result<()> {
    let bad = |d: &str| Error::with_value(ErrorCode::InvalidWebhook, "download_link", d, link);
    if has_space_or_control(link) || find_byte(link, b"\\").is_some() {
        return Err(bad("must not contain spaces, '\\' or control characters"));
    }
    let rest = match find_scheme_sep(link) {
        Some(i)
            if link
                .get(..i)
                .is_some_and(|s| s.eq_ignore_ascii_case("https")) =>
        {
            link.get(i + 3..).unwrap_or_default()
        }
        _ => return Err(bad("must be an absolute https:// URL")),
    };
    let end = find_byte(rest, b"/?#").unwrap_or(rest.len());
    let authority = Authority::parse(rest.get(..end).unwrap_or_default()).map_err(bad)?;
    if authority.port == Some(0) {
        return Err(bad("has port 0"));
    }
    if authority.loopback || internal_ipv4(&authority.host) {
        return Err(bad(
            "must not point to a loopback, private or link-local address",
        ));
    }
    Ok(())
}

/// Whether `host` (already checked by [`Authority::parse`], so a numeric
/// host is a canonical dotted quad) is an IPv4 address a public download
/// link has no business pointing to.
fn internal_ipv4(host: &str) -> bool {
    let mut octets = [0u32; 4];
    let mut count = 0;
    for label in split_byte(host, b'.') {
        if label.is_empty() || !label.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if let Some(slot) = octets.get_mut(count) {
            *slot = label
                .bytes()
                .fold(0u32, |n, b| n.saturating_mul(10) + u32::from(b - b'0'));
        }
        count += 1;
    }
    let [a, b, ..] = octets;
    count == 4
        && (a == 0
            || a == 10
            || (a == 100 && (64..=127).contains(&b))
            || a == 127
            || (a == 169 && b == 254)
            || (a == 172 && (16..=31).contains(&b))
            || (a == 192 && b == 168)
            || a >= 224)
}

/// Checks the secret the partner put in the webhook endpoint's URL.
///
/// The handbook defines no signature, so the partner registers an endpoint
/// URL that carries a secret, either as the `secret` query parameter
/// (`…/hooks/vivo?secret=<secret>`, form-decoded: `%XX` and `+`) or as the
/// path's last segment (`…/hooks/vivo/<secret>`, `%XX`-decoded); either is
/// accepted. `request_url` is the URL the request came to: absolute
/// (`https://partner.example/hooks/vivo?secret=…`) or its path and query
/// (`/hooks/vivo?secret=…`); a fragment is ignored.
///
/// The whole value is compared in constant time (a prefix or an extension
/// of the secret is wrong; the time taken depends only on the given
/// value's length). A `secret` parameter given twice is refused, whatever
/// the values.
///
/// Errors: `invalid_option` on `secret` when `secret` is empty (a
/// configuration mistake), `invalid_webhook` on `secret` when the secret is
/// missing, wrong or repeated. No message ever quotes the secret or the
/// value given.
///
/// ```
/// use vivomeetings_embed::core::webhook::check_secret;
/// assert!(check_secret("https://partner.example/hooks/vivo?secret=s3cr%2Bt", "s3cr+t").is_ok());
/// assert!(check_secret("/hooks/vivo/s3cr%2Bt", "s3cr+t").is_ok());
/// let e = check_secret("/hooks/vivo?secret=s3cr", "s3cr+t").unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "invalid_webhook: secret: is missing or wrong (give it as the 'secret' query parameter or the URL's last path segment)"
/// );
/// ```
pub fn check_secret(request_url: &str, secret: &str) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            "secret",
            "must not be empty",
        ));
    }
    let url = find_byte(request_url, b"#")
        .map_or(request_url, |i| request_url.get(..i).unwrap_or_default());
    let (before_query, query) = match find_byte(url, b"?") {
        Some(i) => (
            url.get(..i).unwrap_or_default(),
            url.get(i + 1..).unwrap_or_default(),
        ),
        None => (url, ""),
    };
    let path = match find_scheme_sep(before_query) {
        Some(i) => {
            let after = before_query.get(i + 3..).unwrap_or_default();
            find_byte(after, b"/").map_or("", |j| after.get(j..).unwrap_or_default())
        }
        None => before_query,
    };
    let mut given = None;
    for pair in split_byte(query, b'&') {
        let (key, value) = match find_byte(pair, b"=") {
            Some(i) => (
                pair.get(..i).unwrap_or_default(),
                pair.get(i + 1..).unwrap_or_default(),
            ),
            None => (pair, ""),
        };
        if percent_decode(key, true) == b"secret" {
            if given.is_some() {
                return Err(invalid("secret", "is given more than once in the query"));
            }
            given = Some(percent_decode(value, true));
        }
    }
    let secret = secret.as_bytes();
    let in_query = given.is_some_and(|v| constant_time_eq(&v, secret));
    let in_path = match path.bytes().rposition(|b| b == b'/') {
        Some(i) => {
            let segment = path.get(i + 1..).unwrap_or_default();
            constant_time_eq(&percent_decode(segment, false), secret)
        }
        None => false,
    };
    if in_query | in_path {
        Ok(())
    } else {
        Err(invalid(
            "secret",
            "is missing or wrong (give it as the 'secret' query parameter or the URL's last path segment)",
        ))
    }
}

/// Whether `given` equals `secret`, comparing every byte of `given` whatever
/// the differences (also when the lengths differ), so the time taken tells
/// nothing about where they differ.
fn constant_time_eq(given: &[u8], secret: &[u8]) -> bool {
    if secret.is_empty() {
        return given.is_empty();
    }
    let mut diff = given.len() ^ secret.len();
    for (i, &g) in given.iter().enumerate() {
        let s = secret.get(i % secret.len()).copied().unwrap_or(0);
        diff |= usize::from(g ^ s);
    }
    ::core::hint::black_box(diff) == 0
}

#[cfg(feature = "serde")]
mod wire;

#[cfg(test)]
mod tests;
