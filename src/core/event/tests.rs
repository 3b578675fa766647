use super::*;

/// A native stand-in for posted data.
#[derive(Clone, Debug)]
enum V {
    Null,
    Num,
    S(String),
    A(Vec<V>),
    O(Vec<(String, V)>),
    /// An array with only a length (all holes).
    Sparse(usize),
    /// An empty array carrying named own keys.
    Named(Vec<(String, V)>),
    Fn,
}

impl MessageData for V {
    fn kind(&self) -> Kind {
        match self {
            V::Null => Kind::Null,
            V::Num => Kind::Scalar,
            V::S(_) => Kind::String,
            V::A(_) | V::Sparse(_) | V::Named(_) => Kind::Array,
            V::O(_) => Kind::Object,
            V::Fn => Kind::Other,
        }
    }
    fn str_len(&self) -> usize {
        match self {
            V::S(s) => s.encode_utf16().count(),
            _ => 0,
        }
    }
    fn as_string(&self) -> Option<String> {
        match self {
            V::S(s) => Some(s.clone()),
            _ => None,
        }
    }
    fn len(&self) -> usize {
        match self {
            V::A(a) => a.len(),
            V::O(o) => o.len(),
            V::Sparse(n) => *n,
            _ => 0,
        }
    }
    fn keys(&self, limit: usize) -> Vec<V> {
        match self {
            V::A(a) => (0..a.len().min(limit))
                .map(|i| V::S(i.to_string()))
                .collect(),
            V::O(o) | V::Named(o) => o.iter().take(limit).map(|(k, _)| V::S(k.clone())).collect(),
            _ => vec![],
        }
    }
    fn get(&self, key: &V) -> V {
        let key = key.as_string().unwrap_or_default();
        match self {
            V::A(a) => key
                .parse::<usize>()
                .ok()
                .and_then(|i| a.get(i).cloned())
                .unwrap_or(V::Null),
            V::O(o) => o
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or(V::Null),
            _ => V::Null,
        }
    }
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
        let event = parse_message(&leave(s(wire))).unwrap();
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
        parse_message(&leave(s("timeout"))).unwrap(),
        MeetingEvent::Leave {
            reason: LeaveReason::Other("timeout".into())
        }
    );
    let joined = obj(&[
        ("type", s("vivomeetingsParticipantJoinedEvent")),
        ("participant", s("Ann")),
    ]);
    let event = parse_message(&joined).unwrap();
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
        parse_message(&extra),
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
        ("function", V::Fn),
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
        ("other value inside", obj(&[("type", s("x")), ("f", V::Fn)])),
        (
            "sparse array of length 2^32-1",
            leave_with("a", V::Sparse(u32::MAX as usize)),
        ),
        (
            "__proto__ key on an array",
            leave_with("a", V::Named(vec![("__proto__".into(), V::Null)])),
        ),
        (
            "constructor key on an array",
            obj(&[
                ("type", s("x")),
                ("a", V::Named(vec![("constructor".into(), V::Num)])),
            ]),
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
        assert_eq!(parse_message(&data), Err(Rejection::Shape), "{what}");
    }
}

#[test]
fn long_strings_are_fine_in_other_messages() {
    let note = obj(&[
        ("type", s("vivomeetingsChatEvent")),
        ("text", s(&"x".repeat(4 * MAX_STRING))),
    ]);
    assert_eq!(
        parse_message(&note),
        Ok(MeetingEvent::Unrecognised {
            kind: "vivomeetingsChatEvent".into()
        })
    );
    assert!(parse_message(&leave_with("note", s(&"x".repeat(MAX_STRING)))).is_ok());
    assert!(parse_message(&leave_with("small", V::Sparse(10))).is_ok());
}

#[test]
fn limits_are_inclusive() {
    assert!(parse_message(&leave(s(&"x".repeat(MAX_STRING)))).is_ok());
    assert!(parse_message(&obj(&[("type", s("x")), ("a", nested(MAX_DEPTH - 2))])).is_ok());
}

#[test]
fn rejection_wire_forms() {
    let all = [Rejection::Origin, Rejection::Source, Rejection::Shape].map(Rejection::as_str);
    assert_eq!(all, ["origin", "source", "shape"]);
}
