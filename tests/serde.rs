//! The `serde` feature: every public value type round-trips through
//! serde_json, and invalid data cannot be built by deserializing.
#![cfg(all(feature = "serde", not(target_arch = "wasm32")))]

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use vivomeetings_embed::core::json::{self, Json};
use vivomeetings_embed::core::webhook;
use vivomeetings_embed::core::{
    AccessCode, Device, HostId, LoginToken, MeetingOptions, Platform, SignIn, View, WebhookEvent,
};

/// `value` serializes to `text`, which deserializes back to `value`.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T, text: &str) {
    assert_eq!(serde_json::to_string(value).unwrap(), text);
    assert_eq!(&serde_json::from_str::<T>(text).unwrap(), value, "{text}");
}

/// `text` does not deserialize as `T`.
fn refused<T: DeserializeOwned + Debug>(text: &str) -> String {
    match serde_json::from_str::<T>(text) {
        Ok(v) => panic!("{text} deserialized as {v:?}"),
        Err(e) => e.to_string(),
    }
}

const LINK: &str = "https://cdn.example.com/r/5.mp4";

fn events() -> Vec<WebhookEvent> {
    let (host_id, conference_id) = (61803, 1258835);
    vec![
        WebhookEvent::ConferenceStart {
            host_id,
            conference_id,
        },
        WebhookEvent::ConferenceEnd {
            host_id,
            conference_id,
        },
        WebhookEvent::StartRecording {
            host_id,
            conference_id,
        },
        WebhookEvent::StopRecording {
            host_id,
            conference_id,
        },
        WebhookEvent::StartStreaming {
            host_id,
            conference_id,
        },
        WebhookEvent::StopStreaming {
            host_id,
            conference_id,
        },
        WebhookEvent::RecordingReady {
            host_id,
            conference_id,
            recording_id: 9007199254740991,
            download_link: LINK.into(),
        },
        WebhookEvent::TranscriptionReady {
            host_id,
            conference_id: 0,
        },
        WebhookEvent::EnterLivestream {
            host_id,
            conference_id,
            participant_id: 3,
        },
        WebhookEvent::LeaveLivestream {
            host_id,
            conference_id,
            participant_id: 4,
        },
        webhook::parse_str(
            r#"{"event":"chat","payload":"{\"text\":\"hi \\\"you\\\"\",\"n\":[1,-2,0.5,null,true,{}]}"}"#,
        )
        .unwrap(),
    ]
}

#[test]
fn webhook_events_serialize_as_to_json_and_round_trip() {
    let all = events();
    assert_eq!(all.len(), 11);
    for event in &all {
        // The serde form is exactly the JS server entry's object.
        round_trip(event, &event.to_json());
    }
    assert_eq!(
        serde_json::to_string(&all[6]).unwrap(),
        r#"{"event":"recording_ready","known":true,"hostId":61803,"conferenceId":1258835,"recordingId":9007199254740991,"downloadLink":"https://cdn.example.com/r/5.mp4"}"#
    );
    // `known` may be left out.
    assert_eq!(
        serde_json::from_str::<WebhookEvent>(
            r#"{"event":"conference_end","hostId":1,"conferenceId":2}"#
        )
        .unwrap(),
        WebhookEvent::ConferenceEnd {
            host_id: 1,
            conference_id: 2
        }
    );
}

#[test]
fn invalid_webhook_events_are_refused() {
    for (text, why) in [
        (
            r#"{"event":"conference_end","hostId":1}"#,
            "payload.conference_id: is missing",
        ),
        (
            r#"{"event":"conference_end","hostId":1,"conferenceId":9007199254740992}"#,
            "must be an integer from 0 to 9007199254740991",
        ),
        (
            r#"{"event":"conference_end","hostId":-1,"conferenceId":2}"#,
            "invalid value",
        ),
        (
            r#"{"event":"conference_end","hostId":1.5,"conferenceId":2}"#,
            "invalid type",
        ),
        (
            r#"{"event":"conference_end","hostId":"1","conferenceId":2}"#,
            "invalid type",
        ),
        (
            r#"{"event":"conference_end","known":false,"hostId":1,"conferenceId":2}"#,
            "known: does not match",
        ),
        (
            r#"{"event":"conference_end","hostId":1,"conferenceId":2,"participantId":3}"#,
            "does not have",
        ),
        (
            r#"{"event":"conference_end","hostId":1,"conferenceId":2,"payload":{}}"#,
            "does not have",
        ),
        (
            r#"{"event":"conference_end","hostId":1,"conferenceId":2,"extra":1}"#,
            "unknown field",
        ),
        (
            r#"{"event":"recording_ready","hostId":1,"conferenceId":2,"recordingId":3,"downloadLink":"http://cdn.example.com/"}"#,
            "must be an absolute https:// URL",
        ),
        (
            r#"{"event":"recording_ready","hostId":1,"conferenceId":2,"recordingId":3,"downloadLink":"https://169.254.169.254/"}"#,
            "link-local",
        ),
        (
            r#"{"event":"recording_ready","hostId":1,"conferenceId":2,"recordingId":3}"#,
            "payload.download_link: is missing",
        ),
        (
            r#"{"event":"enter_livestream","hostId":1,"conferenceId":2}"#,
            "payload.participant_id: is missing",
        ),
        (r#"{"event":"","payload":{}}"#, "event: must not be empty"),
        (r#"{"event":"x"}"#, "payload: is missing"),
        (
            r#"{"event":"x","known":true,"payload":{}}"#,
            "known: does not match",
        ),
        (
            r#"{"event":"x","hostId":1,"payload":{}}"#,
            "unknown event has only",
        ),
        (
            r#"{"event":"x","payload":[1]}"#,
            "payload: must be a JSON object, not an array",
        ),
        (r#"{"event":"x","payload":null}"#, "payload: is missing"),
        (
            r#"{"event":"x","payload":{"a":{"__proto__":1}}}"#,
            "a.__proto__: is a forbidden key",
        ),
        (
            r#"{"event":"x","payload":{"a":1,"a":2}}"#,
            "a: is a duplicate key",
        ),
        (r#"{"hostId":1}"#, "missing field `event`"),
    ] {
        let e = refused::<WebhookEvent>(text);
        assert!(e.contains(why), "{text}: {e}");
    }
    let deep = format!(
        r#"{{"event":"x","payload":{{"a":{}}}}}"#,
        "[".repeat(40) + &"]".repeat(40)
    );
    assert!(refused::<WebhookEvent>(&deep).contains("nests deeper than 32 levels"));
}

#[test]
fn json_values_round_trip_and_obey_the_bounds() {
    let v = json::parse_str(r#"{"a":[1,-2,0.5,"x\n",null,false],"b":{"c":{}}}"#).unwrap();
    round_trip(&v, &v.to_json());
    for (text, why) in [
        (r#"{"constructor":1}"#, "constructor: is a forbidden key"),
        (r#"[{"prototype":1}]"#, "0.prototype: is a forbidden key"),
        (r#"{"k":1,"k":1}"#, "k: is a duplicate key"),
    ] {
        let e = refused::<Json>(text);
        assert!(e.contains(why), "{text}: {e}");
    }
    let deep = "[".repeat(33) + &"]".repeat(33);
    assert!(refused::<Json>(&deep).contains("nests deeper"));
    assert!(serde_json::from_str::<Json>(&("[".repeat(32) + &"]".repeat(32))).is_ok());
    let big = format!("\"{}\"", "x".repeat(json::MAX_INPUT));
    assert!(refused::<Json>(&big).contains("over 64 KiB"));
}

#[test]
fn meeting_options_round_trip() {
    let opts = MeetingOptions::new()
        .name("Steve Irwin")
        .skip_join(true)
        .mute(Device::Mic)
        .view(View::BottomSpeaker)
        .param("lang", "fr");
    round_trip(
        &opts,
        r#"{"name":"Steve Irwin","skipJoin":true,"observer":false,"muteCamera":false,"muteMic":true,"view":"bottom_speaker","stripLayout":false,"params":[["lang","fr"]]}"#,
    );
    assert_eq!(
        serde_json::from_str::<MeetingOptions>(r#"{"skipJoin":true}"#).unwrap(),
        MeetingOptions::new().skip_join(true)
    );
    assert_eq!(
        serde_json::from_str::<MeetingOptions>("{}").unwrap(),
        MeetingOptions::new()
    );
    assert!(refused::<MeetingOptions>(r#"{"skip_join":true}"#).contains("unknown field"));
    assert!(refused::<MeetingOptions>(r#"{"view":"grid"}"#).contains("unknown variant"));
    assert!(refused::<MeetingOptions>(r#"{"skipJoin":"yes"}"#).contains("invalid type"));
}

#[test]
fn enums_round_trip_as_their_wire_forms() {
    for view in View::ALL {
        round_trip(&view, &format!("\"{}\"", view.as_str()));
    }
    for device in [Device::Camera, Device::Mic] {
        round_trip(&device, &format!("\"{}\"", device.as_str()));
    }
    assert!(refused::<View>("\"Gallery\"").contains("unknown variant"));
    assert!(refused::<Device>("\"speaker\"").contains("unknown variant"));
}

#[test]
fn validated_newtypes_deserialize_through_their_parsers() {
    round_trip(&AccessCode::parse("123456").unwrap(), "\"123456\"");
    round_trip(&HostId::new(8).unwrap(), "8");
    round_trip(&LoginToken::parse("a1b2c3").unwrap(), "\"a1b2c3\"");
    round_trip(
        &Platform::parse("acme.vivomeetings.com").unwrap(),
        "\"https://acme.vivomeetings.com\"",
    );
    round_trip(
        &Platform::parse("http://localhost:8081").unwrap(),
        "\"http://localhost:8081\"",
    );
    // A platform is normalised on the way in.
    assert_eq!(
        serde_json::from_str::<Platform>("\"ACME.vivomeetings.com:443\"").unwrap(),
        Platform::parse("acme.vivomeetings.com").unwrap()
    );
    for (what, e) in [
        ("access code", refused::<AccessCode>("\"../admin\"")),
        ("access code number", refused::<AccessCode>("123456")),
        ("empty access code", refused::<AccessCode>("\"\"")),
        ("host id 0", refused::<HostId>("0")),
        ("host id 2^53", refused::<HostId>("9007199254740992")),
        ("host id string", refused::<HostId>("\"8\"")),
        ("host id negative", refused::<HostId>("-8")),
        ("token", refused::<LoginToken>("\"a b\"")),
        (
            "platform http",
            refused::<Platform>("\"http://acme.vivomeetings.com\""),
        ),
        (
            "platform path",
            refused::<Platform>("\"https://acme.vivomeetings.com/x\""),
        ),
    ] {
        assert!(
            e.starts_with("invalid_")
                || e.starts_with("insecure_")
                || e.starts_with("invalid type")
                || e.starts_with("invalid value"),
            "{what}: {e}"
        );
    }
}

#[test]
fn sign_in_round_trips_and_is_checked() {
    let p = Platform::parse("acme.vivomeetings.com").unwrap();
    let req = SignIn::new(
        &p,
        HostId::new(8).unwrap(),
        LoginToken::parse("a1b2c3d4e5f6").unwrap(),
        "/conf/calls/upcoming",
    )
    .unwrap();
    round_trip(
        &req,
        r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"a1b2c3d4e5f6","redirectUrl":"/conf/calls/upcoming"}"#,
    );
    let req = req
        .after_call_url("https://en.wikipedia.org", None)
        .unwrap();
    round_trip(
        &req,
        r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"a1b2c3d4e5f6","redirectUrl":"/conf/calls/upcoming","afterCallUrl":"https://en.wikipedia.org"}"#,
    );
    let back: SignIn = serde_json::from_str(&serde_json::to_string(&req).unwrap()).unwrap();
    assert_eq!(back.get_url(), req.get_url());
    for (text, why) in [
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"t","redirectUrl":"https://evil.example/"}"#,
            "unsafe_redirect",
        ),
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"t","redirectUrl":"/x","afterCallUrl":"javascript:alert(1)"}"#,
            "unsafe_redirect",
        ),
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":0,"loginToken":"t","redirectUrl":"/x"}"#,
            "invalid_host_id",
        ),
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"","redirectUrl":"/x"}"#,
            "invalid_token",
        ),
        (
            r#"{"platform":"ftp://acme.vivomeetings.com","hostId":8,"loginToken":"t","redirectUrl":"/x"}"#,
            "invalid_domain",
        ),
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"t"}"#,
            "missing field `redirectUrl`",
        ),
        (
            r#"{"platform":"https://acme.vivomeetings.com","hostId":8,"loginToken":"t","redirectUrl":"/x","action":"https://evil.example/auth"}"#,
            "unknown field",
        ),
    ] {
        let e = refused::<SignIn>(text);
        assert!(e.contains(why), "{text}: {e}");
    }
}
