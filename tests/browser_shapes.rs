//! Browser tests of the message check's data path on REAL messages, in
//! headless Chromium: the JS listener's serializer (js/embed.js `toJson`,
//! which writes only what JSON carries faithfully) and the wasm's JSON
//! reader and shape check (`core::event::Posted`, `parse_message`, through
//! `vivomeetings_embed::wasm::check_message`). What structured clone
//! delivers, as JSON-like data and beyond (Dates, Maps, Blobs, typed
//! arrays, boxed primitives, sparse and named arrays, cycles, deep nesting,
//! forbidden keys). Size and length limits are in browser_sizes.rs.
//!
//! Every message is really posted by a frame: the stand-in's poster page on
//! the platform's origin (its special entries build what JSON cannot say,
//! in the frame), or a same-origin `about:blank` frame whose own realm
//! builds and posts values. The test-side listener is
//! `browser_common::Checker`. Hostile inputs are rows of tables.
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// ---- Shapes ----

#[wasm_bindgen_test]
async fn malformed_payloads_are_rejected_as_shape() {
    let deep = format!(
        r#"{{"type":"{LEAVE}","reason":"left","junk":{}{}}}"#,
        "[".repeat(40),
        "]".repeat(40)
    );
    let deep_objects = format!(
        r#"{{"type":"x","a":{}1{}}}"#,
        r#"{"a":"#.repeat(40),
        "}".repeat(40)
    );
    let table: Vec<(&str, String)> = [
        ("a string", r#""vivomeetingsLeaveCallEvent""#),
        ("a reason string", r#""left""#),
        ("a number", "42"),
        ("zero", "0"),
        ("a negative number", "-1.5"),
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("an empty array", "[]"),
        ("an array of strings", r#"["vivomeetingsLeaveCallEvent","left"]"#),
        ("an array around a leave", r#"[{"type":"vivomeetingsLeaveCallEvent","reason":"left"}]"#),
        ("an empty object", "{}"),
        ("no type", r#"{"reason":"left"}"#),
        ("Type", r#"{"Type":"vivomeetingsLeaveCallEvent","reason":"left"}"#),
        ("a number type", r#"{"type":1,"reason":"left"}"#),
        ("a null type", r#"{"type":null,"reason":"left"}"#),
        ("a boolean type", r#"{"type":true}"#),
        ("an array type", r#"{"type":["vivomeetingsLeaveCallEvent"],"reason":"left"}"#),
        ("an object type", r#"{"type":{"toString":"vivomeetingsLeaveCallEvent"},"reason":"left"}"#),
        ("a leave without reason", r#"{"type":"vivomeetingsLeaveCallEvent"}"#),
        ("a number reason", r#"{"type":"vivomeetingsLeaveCallEvent","reason":5}"#),
        ("a null reason", r#"{"type":"vivomeetingsLeaveCallEvent","reason":null}"#),
        ("an array reason", r#"{"type":"vivomeetingsLeaveCallEvent","reason":["left"]}"#),
        ("an object reason", r#"{"type":"vivomeetingsLeaveCallEvent","reason":{"left":true}}"#),
        ("__proto__ in a leave", r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","__proto__":{"isAdmin":true}}"#),
        ("a leave only in __proto__", r#"{"__proto__":{"type":"vivomeetingsLeaveCallEvent","reason":"left"}}"#),
        ("__proto__ alone", r#"{"__proto__":1}"#),
        ("constructor.prototype", r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","constructor":{"prototype":{"x":1}}}"#),
        ("prototype", r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","prototype":1}"#),
        ("__proto__ deep inside", r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","a":{"b":[{"__proto__":{}}]}}"#),
        ("constructor in another message", r#"{"type":"vivomeetingsParticipantJoinedEvent","constructor":1}"#),
        ("a 1 MiB string", r#"{"__big":1048576}"#),
        ("an empty string", r#"{"__big":0}"#),
    ]
    .into_iter()
    .map(|(what, m)| (what, m.to_owned()))
    .chain([("40 nested arrays", deep), ("40 nested objects", deep_objects)])
    .collect();
    assert_posted_rows_are_shape(&table).await;
}

/// The poster's special entries arrive as what they say (the stand-in's own
/// tests can only read the page's script, not run it).
#[wasm_bindgen_test]
async fn the_posters_special_entries_arrive_as_what_they_say() {
    let table: [(&str, &str); 18] = [
        (r#"{"__big":5}"#, "string 5"),
        (
            r#"{"__bigreason":300}"#,
            "Object keys type,reason reason 300",
        ),
        (r#"{"__undefined":null}"#, "undefined"),
        (
            r#"{"__bigint":"-12345678901234567890"}"#,
            "bigint -12345678901234567890",
        ),
        (r#"{"__date":86400000}"#, "Date 86400000"),
        (r#"{"__regexp":"a*b"}"#, "RegExp a*b"),
        (
            r#"{"__map":[["type","x"],[1,{"__big":2}]]}"#,
            r#"Map [["type","x"],[1,"xx"]]"#,
        ),
        (r#"{"__set":[1,"a"]}"#, r#"Set [1,"a"]"#),
        (r#"{"__bytes":7}"#, "Uint8Array 7"),
        (r#"{"__blob":"abc"}"#, "Blob 3"),
        (
            r#"{"__sparse":4294967295}"#,
            "Array length 4294967295 keys ",
        ),
        (
            r#"{"__array":{"items":["a"],"keys":{"__proto__":{"p":1},"constructor":1,"prototype":2}}}"#,
            "Array length 1 keys 0,__proto__,constructor,prototype",
        ),
        (r#"{"__cycle":{"type":"x"}}"#, "Object keys type,self self"),
        (
            r#"{"__repeat":{"count":3,"value":{"a":{"__big":1}}}}"#,
            "Array length 3 keys 0,1,2 shared",
        ),
        (
            r#"{"__wide":{"keys":70000,"object":{"type":"x"}}}"#,
            "Object 70001 keys",
        ),
        (
            r#"{"__nest":{"depth":1000,"value":7}}"#,
            "nested 1000 around 7",
        ),
        (
            r#"{"__proto__":{"__big":3},"reason":{"__big":4}}"#,
            "Object keys __proto__,reason reason 4 own __proto__ xxx",
        ),
        (r#"{"__big":1,"x":2}"#, "Object keys __big,x"),
    ];
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let iframe = frame(&c, "about:blank");
    let watch = describe_posts(&iframe);
    let messages: Vec<&str> = table.iter().map(|(m, _)| *m).collect();
    iframe.set_src(&poster_url(&platform(), &json_array(&messages), 0));
    let seen = prop(&watch, "seen");
    wait_until("every special entry", 8000.0, || {
        Array::from(&seen).length() as usize >= table.len()
    })
    .await;
    Function::from(prop(&watch, "stop"))
        .call0(&JsValue::UNDEFINED)
        .unwrap();
    let got: Vec<String> = Array::from(&seen)
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    for ((sent, want), got) in table.iter().zip(&got) {
        assert_eq!(got, want, "{sent}");
    }
    assert_eq!(got.len(), table.len());
}

/// What structured clone carries beyond JSON, posted by a real frame (the
/// poster's special entries build them in the frame).
#[wasm_bindgen_test]
async fn values_only_structured_clone_carries_are_rejected_as_shape() {
    let leave_with =
        |key: &str, value: &str| format!(r#"{{"type":"{LEAVE}","reason":"left","{key}":{value}}}"#);
    let table: Vec<(&str, String)> = vec![
        ("a Date", r#"{"__date":0}"#.into()),
        (
            "a Map",
            r#"{"__map":[["type","vivomeetingsLeaveCallEvent"],["reason","left"]]}"#.into(),
        ),
        (
            "a Set",
            r#"{"__set":["vivomeetingsLeaveCallEvent"]}"#.into(),
        ),
        ("a RegExp", r#"{"__regexp":"left"}"#.into()),
        ("a typed array", r#"{"__bytes":8}"#.into()),
        ("a Blob", r#"{"__blob":"x"}"#.into()),
        ("a bigint", r#"{"__bigint":"10"}"#.into()),
        ("undefined", r#"{"__undefined":null}"#.into()),
        (
            "a Date inside a leave",
            leave_with("when", r#"{"__date":0}"#),
        ),
        (
            "a Map inside a leave",
            leave_with("meta", r#"{"__map":[]}"#),
        ),
        (
            "a Set inside a leave",
            leave_with("meta", r#"{"__set":[]}"#),
        ),
        (
            "a RegExp inside a leave",
            leave_with("re", r#"{"__regexp":"x"}"#),
        ),
        (
            "a typed array inside a leave",
            leave_with("raw", r#"{"__bytes":4}"#),
        ),
        (
            "a Blob inside a leave",
            leave_with("file", r#"{"__blob":"x"}"#),
        ),
        (
            "a bigint inside a leave",
            leave_with("n", r#"{"__bigint":"1"}"#),
        ),
        (
            "a Date in another message",
            r#"{"type":"x","when":{"__date":0}}"#.into(),
        ),
        ("a bigint type", r#"{"type":{"__bigint":"1"}}"#.into()),
        (
            "a Date reason",
            format!(r#"{{"type":"{LEAVE}","reason":{{"__date":0}}}}"#),
        ),
        (
            "a Set reason",
            format!(r#"{{"type":"{LEAVE}","reason":{{"__set":["left"]}}}}"#),
        ),
        (
            "a cycle",
            format!(r#"{{"__cycle":{{"type":"{LEAVE}","reason":"left"}}}}"#),
        ),
        (
            "a cycle in another message",
            r#"{"__cycle":{"type":"x"}}"#.into(),
        ),
        (
            "70000 keys",
            format!(
                r#"{{"__wide":{{"keys":70000,"object":{{"type":"{LEAVE}","reason":"left"}}}}}}"#
            ),
        ),
        (
            "1000 nested arrays",
            leave_with("deep", r#"{"__nest":{"depth":1000,"value":1}}"#),
        ),
        (
            "32 nested arrays in an object",
            r#"{"type":"x","deep":{"__nest":{"depth":32,"value":1}}}"#.into(),
        ),
    ];
    assert_posted_rows_are_shape(&table).await;
}

/// Structured-clone values built in a same-origin frame's own realm (boxed
/// primitives, errors, buffers, files, getters, inherited and hidden
/// properties…), really posted by that frame: (JS expression, verdict).
#[wasm_bindgen_test]
async fn values_built_in_a_frame_realm_get_the_documented_verdict() {
    use Verdict::*;
    let table: &[(&str, Verdict)] = &[
        ("new String(LEAVE)", Shape),
        ("new Number(1)", Shape),
        ("{ type: new String(LEAVE), reason: 'left' }", Shape),
        ("{ type: LEAVE, reason: new String('left') }", Shape),
        ("{ type: LEAVE, reason: 'left', n: new Number(1) }", Shape),
        ("{ type: LEAVE, reason: 'left', b: new Boolean(false) }", Shape),
        ("{ type: 'x', s: Object('boxed') }", Shape),
        ("new Error('x')", Shape),
        ("{ type: 'x', e: new TypeError('boom') }", Shape),
        ("{ type: 'x', buf: new ArrayBuffer(8) }", Shape),
        ("{ type: 'x', view: new DataView(new ArrayBuffer(8)) }", Shape),
        ("{ type: 'x', list: new Float64Array(2) }", Shape),
        ("{ type: 'x', f: new File(['x'], 'f.txt') }", Shape),
        ("{ type: LEAVE, reason: 'left', at: new Date(0) }", Shape),
        ("[{ type: LEAVE, reason: 'left' }]", Shape),
        // Inherited and non-enumerable properties are not cloned.
        ("Object.create({ type: LEAVE, reason: 'left' })", Shape),
        (
            "Object.defineProperty({ reason: 'left' }, 'type', { value: LEAVE, enumerable: false })",
            Shape,
        ),
        // Holes "balanced" by as many named keys pass a count of keys
        // against `length`; the JSON written for them must still be refused
        // (a named key is never written, so a forbidden one would be hidden).
        (
            "{ type: LEAVE, reason: 'left', list: Object.assign(Object.assign([], { length: 2, 0: 'a' }), { constructor: { prototype: 1 } }) }",
            Shape,
        ),
        (
            "{ type: LEAVE, reason: 'left', list: (() => { const a = ['a', , 'b']; Object.defineProperty(a, '__proto__', { value: 1, enumerable: true }); return a; })() }",
            Shape,
        ),
        (
            "{ type: LEAVE, reason: 'left', list: Object.assign([, 'a'], { prototype: 1 }) }",
            Shape,
        ),
        ("{ type: 'x', list: Object.assign(['a', , 'b'], { note: 1 }) }", Shape),
        // Forbidden keys as own keys, made in the frame.
        (
            "Object.defineProperty({ type: LEAVE, reason: 'left' }, '__proto__', { value: 1, enumerable: true })",
            Shape,
        ),
        ("{ type: 'x', ['constructor']: 1 }", Shape),
        // Controls: what structured clone turns into plain data is delivered.
        (
            "Object.assign(Object.create(null), { type: LEAVE, reason: 'left' })",
            Leave,
        ),
        ("{ get type() { return LEAVE; }, reason: 'kicked' }", Leave),
        (
            "Object.defineProperty({ type: LEAVE }, 'reason', { get() { return 'left'; }, enumerable: true })",
            Leave,
        ),
        (
            "{ type: LEAVE, reason: 'left', list: Object.assign([1, 2], { note: 'no' }) }",
            Shape,
        ),
        ("{ type: LEAVE, reason: '\\uD800' }", Leave),
        ("{ type: LEAVE, reason: 'left', ['\\uD800']: 1 }", Leave),
        ("{ type: LEAVE + '\\u0000', reason: 'left' }", Message),
        ("{ type: '\\uD800', reason: 'left' }", Message),
        ("{ type: 'x', ['__proto__\\uD800']: 1, ['constructor ']: 2 }", Message),
        ("{ type: 'x', n: -0, i: Infinity, nan: NaN, u: undefined }", Message),
        (
            "{ type: 'x', n: [1e21, -1e-7, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0.1 + 0.2] }",
            Message,
        ),
        ("{ type: 'x', ['a\"b\\\\c\\n\\u2028']: 1, ['']: 2 }", Message),
        ("{ type: LEAVE, reason: 'left', nested: { ['\\u0000']: [null, true, false, ''] } }", Leave),
    ];
    let got = assert_built_rows_get_their_verdicts(table).await;
    for ((expr, want), got) in table.iter().zip(&got) {
        if !want.delivers() {
            assert_eq!(got.origin, page_origin(), "{expr}");
        }
    }
}

/// Controls for the tables above, from the same frame: nesting within the
/// limit, a shared subtree within the size limit and many keys within the
/// size limit are all fine.
#[wasm_bindgen_test]
async fn structured_clone_values_within_the_limits_are_accepted() {
    let table: Vec<(String, Verdict, String)> = vec![
        (
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","deep":{{"__nest":{{"depth":31,"value":1}}}}}}"#
            ),
            Verdict::Leave,
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","deep":{}1{}}}"#,
                "[".repeat(31),
                "]".repeat(31)
            ),
        ),
        (
            r#"{"type":"x","dag":{"__repeat":{"count":50,"value":{"a":{"__big":100}}}}}"#.into(),
            Verdict::Message,
            format!(
                r#"{{"type":"x","dag":[{}]}}"#,
                vec![format!(r#"{{"a":"{}"}}"#, "x".repeat(100)); 50].join(",")
            ),
        ),
        (
            r#"{"__wide":{"keys":1000,"object":{"type":"x"}}}"#.into(),
            Verdict::Message,
            format!(
                r#"{{"type":"x",{}}}"#,
                (0..1000)
                    .map(|i| format!(r#""k{i}":0"#))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
    ];
    let messages: Vec<&str> = table.iter().map(|(m, _, _)| m.as_str()).collect();
    let got = poster_checks(&platform(), &json_array(&messages), table.len()).await;
    for ((sent, want, data), got) in table.iter().zip(got) {
        assert_eq!(got, Got::delivered(*want, data), "for {sent}");
    }
}

/// Structured clone keeps an array's length and its non-index own keys, so
/// a frame can post these (the poster's `__sparse` and `__array`).
#[wasm_bindgen_test]
async fn sparse_and_named_arrays_are_rejected() {
    let table: Vec<(&str, String)> = vec![
        (
            "length 2^32-1 in a leave",
            format!(r#"{{"type":"{LEAVE}","reason":"left","list":{{"__sparse":4294967295}}}}"#),
        ),
        (
            "length 65537 in a message",
            r#"{"type":"x","list":{"__sparse":65537}}"#.to_owned(),
        ),
        (
            "length 100000 deep inside",
            format!(r#"{{"type":"{LEAVE}","reason":"left","a":{{"b":[{{"__sparse":100000}}]}}}}"#),
        ),
        (
            "a top-level sparse array",
            r#"{"__sparse":4294967295}"#.to_owned(),
        ),
        // JSON cannot carry holes or named keys on arrays, so the JS
        // listener's serializer refuses even small ones (js/embed.js toJson).
        (
            "5 holes in a leave",
            format!(r#"{{"type":"{LEAVE}","reason":"kicked","list":{{"__sparse":5}}}}"#),
        ),
        (
            "1000 holes in a message",
            r#"{"type":"x","list":{"__sparse":1000}}"#.to_owned(),
        ),
        (
            "a named key on an array in a leave",
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","list":{{"__array":{{"items":["a"],"keys":{{"note":"fine"}}}}}}}}"#
            ),
        ),
    ];
    assert_posted_rows_are_shape(&table).await;
}

#[wasm_bindgen_test]
async fn forbidden_keys_on_arrays_are_rejected() {
    let table: Vec<(String, String)> = ["constructor", "__proto__", "prototype"]
        .iter()
        .flat_map(|key| {
            let list = format!(
                r#"{{"__array":{{"items":["a"],"keys":{{"{key}":{{"polluted":true}}}}}}}}"#
            );
            [
                (
                    format!("{key} on an array in a leave"),
                    format!(r#"{{"type":"{LEAVE}","reason":"left","list":{list}}}"#),
                ),
                (
                    format!("{key} on an array deep in a message"),
                    format!(r#"{{"type":"x","a":[{{"b":{list}}}]}}"#),
                ),
            ]
        })
        .collect();
    let table: Vec<(&str, String)> = table.iter().map(|(w, m)| (w.as_str(), m.clone())).collect();
    assert_posted_rows_are_shape(&table).await;
}
