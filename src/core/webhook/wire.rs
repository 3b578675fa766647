//! The serde form of [`WebhookEvent`] (the `serde` feature): the flat,
//! camelCase object of [`WebhookEvent::to_json`], tagged by `event`.
//! Deserializing checks what [`super::parse`] checks.

use super::{from_parts, invalid, Error, WebhookEvent, EVENT_NAMES};
use crate::core::json::{Json, Number};
use serde::{Deserialize, Serialize};

/// `{"event", "known", "hostId", "conferenceId", "recordingId",
/// "downloadLink", "participantId", "payload"}`, each present only where
/// the event has it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct Wire {
    event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    known: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conference_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recording_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    download_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    participant_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    payload: Option<Json>,
}

impl From<WebhookEvent> for Wire {
    fn from(event: WebhookEvent) -> Wire {
        let ids = event.ids();
        let mut wire = Wire {
            event: event.event_name().to_owned(),
            known: Some(event.is_known()),
            host_id: ids.map(|(h, _)| h),
            conference_id: ids.map(|(_, c)| c),
            recording_id: None,
            download_link: None,
            participant_id: None,
            payload: None,
        };
        match event {
            WebhookEvent::RecordingReady {
                recording_id,
                download_link,
                ..
            } => {
                wire.recording_id = Some(recording_id);
                wire.download_link = Some(download_link);
            }
            WebhookEvent::EnterLivestream { participant_id, .. }
            | WebhookEvent::LeaveLivestream { participant_id, .. } => {
                wire.participant_id = Some(participant_id);
            }
            WebhookEvent::Unknown { payload, .. } => wire.payload = Some(payload),
            _ => {}
        }
        wire
    }
}

impl TryFrom<Wire> for WebhookEvent {
    type Error = Error;

    /// Refuses what [`super::parse`] refuses, and fields that do not belong
    /// to the event (a `payload` on a known event, ids on an unknown one,
    /// `known` saying otherwise than the name).
    fn try_from(w: Wire) -> Result<WebhookEvent, Error> {
        if w.event.is_empty() {
            return Err(invalid("event", "must not be empty"));
        }
        let known = EVENT_NAMES.contains(&w.event.as_str());
        if w.known.is_some_and(|k| k != known) {
            return Err(invalid("known", "does not match the event name"));
        }
        if !known {
            let stray = w.host_id.is_some()
                || w.conference_id.is_some()
                || w.recording_id.is_some()
                || w.download_link.is_some()
                || w.participant_id.is_some();
            if stray {
                return Err(invalid(
                    "event",
                    "an unknown event has only `event`, `known` and `payload`",
                ));
            }
            let Some(payload) = w.payload else {
                return Err(invalid("payload", "is missing"));
            };
            return from_parts(&w.event, payload);
        }
        let recording = w.event == "recording_ready";
        let livestream = w.event.ends_with("_livestream");
        let stray = w.payload.is_some()
            || (!recording && (w.recording_id.is_some() || w.download_link.is_some()))
            || (!livestream && w.participant_id.is_some());
        if stray {
            return Err(invalid(
                "event",
                "has a field that this event does not have",
            ));
        }
        // The same checks as a received payload: build one.
        let mut payload = Vec::new();
        let ids = [
            ("host_id", w.host_id),
            ("conference_id", w.conference_id),
            ("recording_id", w.recording_id),
            ("participant_id", w.participant_id),
        ];
        for (key, id) in ids {
            if let Some(id) = id {
                payload.push((key.to_owned(), Json::Number(Number::from_u64(id))));
            }
        }
        if let Some(link) = w.download_link {
            payload.push(("download_link".to_owned(), Json::String(link)));
        }
        from_parts(&w.event, Json::Object(payload))
    }
}
