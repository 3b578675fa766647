use super::*;

/// A native stand-in for posted data.
#[derive(Clone, Debug)]
enum V {
    Null,
    Num,
    S(String),
    A(Vec<V>),
    O(Vec<(String, V)>),
    /// What the JS layer's serializer refuses to write (a function, an
    /// array with holes or named keys, a Date, a Map, a cycle): the wasm
    /// then gets no data, which is `shape`.
    Unwritable,
}

impl V {
    /// The JSON text the JS layer's serializer writes for this value, or
    /// `None` for what it refuses (a function, an array with holes or
    /// named keys): the wasm then has no data, which is `shape`.
    fn json(&self) -> Option<String> {
        Some(match self {
            V::Null => "null".into(),
            V::Num => "1.5e3".into(),
            V::S(s) => quote(s),
            V::A(items) => {
                let items: Option<Vec<String>> = items.iter().map(V::json).collect();
                format!("[{}]", items?.join(","))
            }
            V::O(entries) => {
                let entries: Option<Vec<String>> = entries
                    .iter()
                    .map(|(k, v)| Some(format!("{}:{}", quote(k), v.json()?)))
                    .collect();
                format!("{{{}}}", entries?.join(","))
            }
            V::Unwritable => return None,
        })
    }
}

/// A JSON string literal, as `JSON.stringify` writes it.
fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What the wasm's check makes of posted data: `parse_message` of its JSON.
fn check(v: &V) -> Result<MeetingEvent, Rejection> {
    v.json()
        .ok_or(Rejection::Shape)
        .and_then(|j| parse_message(&j))
}

fn s(x: &str) -> V {
    V::S(x.to_owned())
}

fn obj(pairs: &[(&str, V)]) -> V {
    V::O(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    )
}

fn leave(reason: V) -> V {
    obj(&[("type", s(LEAVE_TYPE)), ("reason", reason)])
}

fn leave_with(key: &str, value: V) -> V {
    obj(&[("type", s(LEAVE_TYPE)), ("reason", s("left")), (key, value)])
}

fn nested(depth: usize) -> V {
    (0..depth).fold(V::Num, |inner, _| V::A(vec![inner]))
}

#[test]
fn the_three_documented_reasons() {
    for (wire, reason) in [
        ("left", LeaveReason::Left),
        ("kicked", LeaveReason::Kicked),
        ("blocked", LeaveReason::Blocked),
    ] {
        let event = check(&leave(s(wire))).unwrap();
        assert_eq!(
            event,
            MeetingEvent::Leave {
                reason: reason.clone()
            }
        );
        assert_eq!(reason.as_str(), wire);
        assert_eq!(event.message_type(), LEAVE_TYPE);
    }
}

#[test]
fn unknown_reasons_and_types_are_kept() {
    assert_eq!(
        check(&leave(s("timeout"))).unwrap(),
        MeetingEvent::Leave {
            reason: LeaveReason::Other("timeout".into())
        }
    );
    let joined = obj(&[
        ("type", s("vivomeetingsParticipantJoinedEvent")),
        ("participant", s("Ann")),
    ]);
    let event = check(&joined).unwrap();
    assert_eq!(
        event,
        MeetingEvent::Unrecognised {
            kind: "vivomeetingsParticipantJoinedEvent".into()
        }
    );
    assert_eq!(event.message_type(), "vivomeetingsParticipantJoinedEvent");
    // Extra ordinary keys are tolerated.
    let extra = obj(&[
        ("type", s(LEAVE_TYPE)),
        ("reason", s("left")),
        ("at", V::Num),
        ("meta", obj(&[("a", V::A(vec![V::Null]))])),
    ]);
    assert!(matches!(
        check(&extra),
        Ok(MeetingEvent::Leave {
            reason: LeaveReason::Left
        })
    ));
}

#[test]
fn malformed_data_is_rejected_as_shape() {
    let huge = "x".repeat(1 << 20);
    let cases: Vec<(&str, V)> = vec![
        ("null", V::Null),
        ("number", V::Num),
        ("string", s(LEAVE_TYPE)),
        ("array", V::A(vec![s(LEAVE_TYPE), s("left")])),
        ("function", V::Unwritable),
        ("no type", obj(&[("reason", s("left"))])),
        (
            "type not a string",
            obj(&[("type", V::Num), ("reason", s("left"))]),
        ),
        (
            "type an object",
            obj(&[("type", obj(&[("toString", s("x"))]))]),
        ),
        ("leave without reason", obj(&[("type", s(LEAVE_TYPE))])),
        ("reason not a string", leave(V::Num)),
        ("reason null", leave(V::Null)),
        ("reason an array", leave(V::A(vec![s("left")]))),
        ("reason too long", leave(s(&"x".repeat(MAX_STRING + 1)))),
        (
            "type too long",
            obj(&[("type", s(&"x".repeat(MAX_STRING + 1)))]),
        ),
        ("1 MB reason", leave(s(&huge))),
        (
            "1 MB extra key value",
            obj(&[
                ("type", s(LEAVE_TYPE)),
                ("reason", s("left")),
                ("junk", s(&huge)),
            ]),
        ),
        (
            "1 MB key",
            obj(&[
                ("type", s(LEAVE_TYPE)),
                ("reason", s("left")),
                (&huge, V::Num),
            ]),
        ),
        (
            "too many elements",
            obj(&[("type", s("x")), ("a", V::A(vec![V::Num; MAX_MESSAGE]))]),
        ),
        (
            "__proto__ key",
            obj(&[
                ("type", s(LEAVE_TYPE)),
                ("reason", s("left")),
                ("__proto__", obj(&[("polluted", V::Num)])),
            ]),
        ),
        (
            "constructor key",
            obj(&[
                ("type", s(LEAVE_TYPE)),
                ("reason", s("left")),
                ("constructor", V::Null),
            ]),
        ),
        (
            "prototype key deep",
            obj(&[
                ("type", s("x")),
                ("a", V::A(vec![obj(&[("prototype", V::Null)])])),
            ]),
        ),
        (
            "too deep",
            obj(&[("type", s("x")), ("a", nested(MAX_DEPTH + 5))]),
        ),
        (
            "other value inside",
            obj(&[("type", s("x")), ("f", V::Unwritable)]),
        ),
        (
            "sparse array of length 2^32-1",
            leave_with("a", V::Unwritable),
        ),
        ("__proto__ key on an array", leave_with("a", V::Unwritable)),
        (
            "constructor key on an array",
            obj(&[("type", s("x")), ("a", V::Unwritable)]),
        ),
        (
            "long string in an extra key of a leave",
            leave_with("note", s(&"x".repeat(MAX_STRING + 1))),
        ),
        (
            "long key in a leave",
            leave_with(&"k".repeat(MAX_STRING + 1), V::Num),
        ),
        (
            "long string deep in a leave",
            leave_with(
                "a",
                V::A(vec![obj(&[("b", s(&"x".repeat(MAX_STRING + 1)))])]),
            ),
        ),
    ];
    for (what, data) in cases {
        assert_eq!(check(&data), Err(Rejection::Shape), "{what}");
    }
}

#[test]
fn long_strings_are_fine_in_other_messages() {
    let note = obj(&[
        ("type", s("vivomeetingsChatEvent")),
        ("text", s(&"x".repeat(4 * MAX_STRING))),
    ]);
    assert_eq!(
        check(&note),
        Ok(MeetingEvent::Unrecognised {
            kind: "vivomeetingsChatEvent".into()
        })
    );
    assert!(check(&leave_with("note", s(&"x".repeat(MAX_STRING)))).is_ok());
    // Arrays with holes are refused whatever their size: JSON has no holes.
    assert_eq!(
        check(&leave_with("small", V::Unwritable)),
        Err(Rejection::Shape)
    );
}

#[test]
fn limits_are_inclusive() {
    assert!(check(&leave(s(&"x".repeat(MAX_STRING)))).is_ok());
    assert!(check(&obj(&[("type", s("x")), ("a", nested(MAX_DEPTH - 2))])).is_ok());
}

#[test]
fn rejection_wire_forms() {
    let all = [Rejection::Origin, Rejection::Source, Rejection::Shape].map(Rejection::as_str);
    assert_eq!(all, ["origin", "source", "shape"]);
}

/// JSON text as it arrives, each row: the text and what `parse_message`
/// makes of it (escapes, spacing, grammar, depth and size at the edges).
#[test]
fn json_text_rows() {
    let leave = |r: &str| {
        Ok(MeetingEvent::Leave {
            reason: LeaveReason::parse(r),
        })
    };
    let deep = |n: usize| {
        format!(
            "{{\"type\":\"x\",\"a\":{}1{}}}",
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    let rows: Vec<(String, Result<MeetingEvent, Rejection>)> = vec![
        (r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left"}"#.into(), leave("left")),
        (r#" { "type" : "vivomeetingsLeaveCallEvent" , "reason" : "kicked" , "extra" : [1, 2.5e3, -0, true, null, {"a": "b"}] } "#.into(), leave("kicked")),
        (r#"{"type":"vivomeetingsLeaveCallEvent","reason":"\u0062locked"}"#.into(), leave("blocked")),
        (r#"{"type":"vivomeetingsParticipantJoinedEvent","participant":"Ann"}"#.into(), Ok(MeetingEvent::Unrecognised { kind: "vivomeetingsParticipantJoinedEvent".into() })),
        (r#"{"type":"\ud83d\ude00 \ud83d x"}"#.into(), Ok(MeetingEvent::Unrecognised { kind: "😀 \u{FFFD} x".into() })),
        // Forbidden keys, escaped or not, at any depth.
        (r#"{"type":"x","__proto__":1}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x","a":[{"constructor":1}]}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x","prot\u006ftype":1}"#.into(), Err(Rejection::Shape)),
        // Not a message, or not JSON the serializer writes.
        (r#"["type"]"#.into(), Err(Rejection::Shape)),
        (r#""vivomeetingsLeaveCallEvent""#.into(), Err(Rejection::Shape)),
        (r#"{"type":"vivomeetingsLeaveCallEvent"}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"vivomeetingsLeaveCallEvent","reason":5}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":1}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x"} x"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x""#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x\q"}"#.into(), Err(Rejection::Shape)),
        (r#"{"type":"x\u12"}"#.into(), Err(Rejection::Shape)),
        ("{\"type\":\"x".into(), Err(Rejection::Shape)),
        ("".into(), Err(Rejection::Shape)),
        // Depth: 32 levels in all are fine, 33 are not.
        (deep(30), Ok(MeetingEvent::Unrecognised { kind: "x".into() })),
        (deep(32), Err(Rejection::Shape)),
        (deep(5000), Err(Rejection::Shape)),
        // Size: over 64 KiB of text is refused unread.
        (format!("{{\"type\":\"x\",\"a\":\"{}\"}}", "a".repeat(MAX_MESSAGE)), Err(Rejection::Shape)),
        // A long string is fine in other messages, not in a leave.
        (format!("{{\"type\":\"x\",\"a\":\"{}\"}}", "a".repeat(1000)), Ok(MeetingEvent::Unrecognised { kind: "x".into() })),
        (format!("{{\"type\":\"vivomeetingsLeaveCallEvent\",\"reason\":\"left\",\"a\":\"{}\"}}", "a".repeat(257)), Err(Rejection::Shape)),
    ];
    for (text, want) in rows {
        let got = parse_message(&text);
        assert_eq!(got, want, "{}", &text[..text.len().min(120)]);
    }
}

proptest::proptest! {
    /// Arbitrary text never panics.
    #[test]
    fn parse_never_panics(text in ".{0,200}") {
        let _ = parse_message(&text);
    }
}

/// The scanner's edges, each row: JSON text and what `parse_message`
/// makes of it (literals and loose numbers, every escape, surrogates and
/// their UTF-16 length, escaped key names, repeated top-level keys).
#[test]
fn scanner_edge_rows() {
    let unrecognised = |k: &str| Ok(MeetingEvent::Unrecognised { kind: k.into() });
    let leave = |r: &str| {
        Ok(MeetingEvent::Leave {
            reason: LeaveReason::parse(r),
        })
    };
    let shape = Err(Rejection::Shape);
    let with_a = |a: &str| format!(r#"{{"type":"x","a":{a}}}"#);
    let leave_note = |note: &str| {
        format!(r#"{{"type":"vivomeetingsLeaveCallEvent","reason":"left","n":"{note}"}}"#)
    };
    let rows: Vec<(String, Result<MeetingEvent, Rejection>)> = vec![
        // Literals and numbers (numbers are checked loosely).
        (with_a("[null,true,false]"), unrecognised("x")),
        (with_a("[-1,0,2.5e+3,1E-2,1-2,1.2.3]"), unrecognised("x")),
        (with_a("nul"), shape.clone()),
        (with_a("nullx"), shape.clone()),
        (with_a("null1"), shape.clone()),
        (with_a("truefalse"), shape.clone()),
        (with_a("1x"), shape.clone()),
        (with_a("+1"), shape.clone()),
        (with_a(".5"), shape.clone()),
        (with_a("1:"), shape.clone()),
        (with_a("[1,]"), shape.clone()),
        (with_a("[1 2]"), shape.clone()),
        (with_a("{\"b\":1,}"), shape.clone()),
        (with_a("{\"b\" 1}"), shape.clone()),
        (with_a("{1:1}"), shape.clone()),
        (with_a("[]"), unrecognised("x")),
        (with_a("{ }"), unrecognised("x")),
        (r#"{"type":"x","a":1"#.into(), shape.clone()),
        (r#"{"type":"x"}}"#.into(), shape.clone()),
        ("{\"type\":\"x\"}\n\t\r ".into(), unrecognised("x")),
        // Every escape, hex in either case; raw control bytes pass as sent.
        (
            r#"{"type":"\"\\\/\b\f\n\r\t\u00e9\u00E9"}"#.into(),
            unrecognised("\"\\/\u{8}\u{c}\n\r\té\u{e9}"),
        ),
        ("{\"type\":\"a\u{1}b\"}".into(), unrecognised("a\u{1}b")),
        (r#"{"type":"x\u00g0"}"#.into(), shape.clone()),
        (r#"{"type":"x\"#.into(), shape.clone()),
        // Surrogates: a pair is one character, anything else U+FFFD.
        (
            r#"{"type":"\ud83d\ud83d\ude00"}"#.into(),
            unrecognised("\u{FFFD}😀"),
        ),
        (
            r#"{"type":"\ude00\ud83d"}"#.into(),
            unrecognised("\u{FFFD}\u{FFFD}"),
        ),
        (r#"{"type":"\ud83d\n"}"#.into(), unrecognised("\u{FFFD}\n")),
        (r#"{"type":"\ud83d\uZZZZ"}"#.into(), shape.clone()),
        // UTF-16 length: a pair or an astral character counts two, a lone
        // surrogate one, a two- or three-byte character one.
        (leave_note(&r"\ud83d\ude00".repeat(128)), leave("left")),
        (
            leave_note(&r"\ud83d\ude00".repeat(128).replacen(r"\ud83d", "x", 1)),
            leave("left"),
        ),
        (
            leave_note(&format!("{}x", r"\ud83d\ude00".repeat(128))),
            shape.clone(),
        ),
        (leave_note(&"😀".repeat(128)), leave("left")),
        (leave_note(&"😀".repeat(129)), shape.clone()),
        (leave_note(&r"\ud83d".repeat(256)), leave("left")),
        (leave_note(&r"\ud83d".repeat(257)), shape.clone()),
        (leave_note(&"é€".repeat(128)), leave("left")),
        (leave_note(&"é€".repeat(129)), shape.clone()),
        (
            format!(r#"{{"type":"{}"}}"#, "😀".repeat(128)),
            unrecognised(&"😀".repeat(128)),
        ),
        (
            format!(r#"{{"type":"{}x"}}"#, "😀".repeat(128)),
            shape.clone(),
        ),
        // Key names, escaped or not; `type` and `reason` count at the top only.
        (
            r#"{"t\u0079pe":"vivomeetingsLeaveCallEvent","\u0072eason":"left"}"#.into(),
            leave("left"),
        ),
        (
            r#"{"type":"vivomeetingsLeave\u0043allEvent","reason":"ki\u0063ked"}"#.into(),
            leave("kicked"),
        ),
        (r#"{"type":"x","\u005f_proto__":1}"#.into(), shape.clone()),
        (r#"{"type":"x","construct\u006Fr":1}"#.into(), shape.clone()),
        (
            r#"{"type":"x","__proto__x":1,"_proto__":1,"prototypes":1}"#.into(),
            unrecognised("x"),
        ),
        (r#"{"\u0000type":"x"}"#.into(), shape.clone()),
        (
            r#"{"type":"x","a":{"type":1,"reason":2}}"#.into(),
            unrecognised("x"),
        ),
        (r#"{"a":{"type":"x"}}"#.into(), shape.clone()),
        // Repeated top-level keys: the last string counts; a `type` that is
        // no short string refuses the message wherever it is.
        (r#"{"type":"x","type":"y"}"#.into(), unrecognised("y")),
        (r#"{"type":"x","type":null}"#.into(), shape.clone()),
        (
            format!(r#"{{"type":"x","type":"{}"}}"#, "x".repeat(257)),
            shape.clone(),
        ),
        (
            r#"{"type":"vivomeetingsLeaveCallEvent","reason":1,"reason":"left"}"#.into(),
            leave("left"),
        ),
        (
            r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","reason":"kicked"}"#.into(),
            leave("kicked"),
        ),
        (
            r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","reason":1}"#.into(),
            leave("left"),
        ),
    ];
    for (text, want) in rows {
        let got = parse_message(&text);
        assert_eq!(got, want, "{}", &text[..text.len().min(120)]);
    }
}
