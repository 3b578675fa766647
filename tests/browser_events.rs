//! Browser tests of meeting events (issue 3): real cross-origin frames from
//! the stand-in's poster page (`/__standin/post`), forgeries, malformed
//! payloads and listener lifecycle, through the browser layer
//! (`MessageListener`) and through the JS API (`embedMeeting` handles).
//!
//! Only messages the browser itself delivers (`isTrusted`) can be accepted,
//! so every acceptance and every shape check here comes from a real frame:
//! the poster (cross-origin; its special entries build Dates, Maps, sparse
//! arrays, cycles… in the frame) or a same-origin `about:blank` frame whose
//! own realm posts (for listeners that expect the page's origin). Events a
//! script dispatches are used for lookalike origins (`origin`) and to check
//! that they are never delivered (`source`).
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use js_sys::{Array, Function, Object, Promise};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use vivomeetings_embed::browser::{self, Delivery, FrameKind, FrameOptions, MessageListener};
use vivomeetings_embed::core::{LeaveReason, MeetingEvent, Rejection};
use vivomeetings_embed::js::VivoMeetings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlIFrameElement, MessageEvent, MessageEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const LEAVE: &str = "vivomeetingsLeaveCallEvent";
const JOINED: &str = r#"{"type":"vivomeetingsParticipantJoinedEvent","participant":"Ann"}"#;
const DONE: &str = r#"{"type":"test.done"}"#;

fn leave_json(reason: &str) -> String {
    format!(r#"{{"type":"{LEAVE}","reason":"{reason}"}}"#)
}

/// What a listener handed its callback.
#[derive(Debug, Clone, PartialEq)]
enum Got {
    Accepted(MeetingEvent, String),
    Rejected(Rejection, String),
}

type Log = Rc<RefCell<Vec<Got>>>;

/// More deliveries than any test expects.
const LOG_CAP: usize = 200;

/// A `MessageListener` for `iframe` and `origin` that records every delivery
/// (accepted data as JSON text).
fn listen(iframe: &HtmlIFrameElement, origin: &str) -> (MessageListener, Log) {
    let log: Log = Rc::default();
    let sink = log.clone();
    let listener = MessageListener::new(iframe.clone(), origin.to_owned(), move |delivery| {
        let got = match delivery {
            Delivery::Accepted { event, data } => Got::Accepted(event, stringify(data)),
            Delivery::Rejected { reason, origin } => Got::Rejected(reason, origin),
        };
        // Capped, so a listener leaked by a failed test cannot grow memory
        // in the tests that run after it.
        let mut log = sink.borrow_mut();
        if log.len() < LOG_CAP {
            log.push(got);
        }
    })
    .expect("a window to listen on");
    (listener, log)
}

fn frame(c: &Element, url: &str) -> HtmlIFrameElement {
    browser::mount(c, url, FrameKind::Meeting, &FrameOptions::default()).expect("mount")
}

/// Waits until `log` holds `n` deliveries, then a little longer to be sure
/// no more arrive, and returns them.
async fn settle(log: &Log, n: usize) -> Vec<Got> {
    wait_until(&format!("{n} deliveries"), 8000.0, || {
        log.borrow().len() >= n
    })
    .await;
    sleep(150).await;
    let got = log.borrow().clone();
    assert_eq!(got.len(), n, "exactly {n} deliveries: {got:#?}");
    got
}

/// Mounts the stand-in's poster page on `poster_origin`, posting the JSON
/// array `messages` to this page, and returns the `n` deliveries (see
/// [`settle`]) of a listener for the platform's origin on that frame.
async fn poster_deliveries(poster_origin: &str, messages: &str, n: usize) -> Vec<Got> {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let iframe = frame(&c, &poster_url(poster_origin, messages, 0));
    let (_listener, log) = listen(&iframe, &platform());
    settle(&log, n).await
}

/// Checks that each message of `sent` got a shape rejection (the first
/// deliveries of `got`), naming a failure by the first `label_len`
/// characters of the message.
fn assert_rejected_as_shape(sent: &[String], got: &[Got], label_len: usize) {
    for (sent, got) in sent.iter().zip(got) {
        assert_eq!(
            got,
            &Got::Rejected(Rejection::Shape, platform()),
            "{}",
            &sent[..sent.len().min(label_len)]
        );
    }
}

/// An `about:blank` iframe in a scratch container, and its window. The
/// container (`.0` of the [`Remove`]) is removed when the guard drops.
fn blank_frame() -> (Remove, HtmlIFrameElement, JsValue) {
    let c = container();
    let cleanup = Remove(c.clone().into());
    let iframe = frame(&c, "about:blank");
    let source = content_window(&iframe);
    (cleanup, iframe, source)
}

/// [`dispatch`]es a message event and returns the last delivery in `log`.
fn dispatch_then_last(
    log: &Log,
    origin: &str,
    source: Option<&JsValue>,
    data: &JsValue,
) -> Option<Got> {
    dispatch(origin, source, data);
    log.borrow().last().cloned()
}

fn content_window(iframe: &HtmlIFrameElement) -> JsValue {
    iframe
        .content_window()
        .expect("the iframe has a window")
        .into()
}

/// Dispatches a synthetic `message` event on `window`, as a script on the
/// page could, with any `origin`, `source` and `data`. It is never
/// trusted: with the right origin it is rejected as `source`.
fn dispatch(origin: &str, source: Option<&JsValue>, data: &JsValue) {
    let init = MessageEventInit::new();
    init.set_origin(origin);
    init.set_data(data);
    init.set_source(source.map(|s| s.unchecked_ref::<Object>()));
    let event = MessageEvent::new_with_event_init_dict("message", &init).expect("MessageEvent");
    window().dispatch_event(&event).expect("dispatchEvent");
}

fn page_origin() -> String {
    prop_str(&window().into(), "origin").expect("window.origin")
}

fn leave(reason: LeaveReason) -> MeetingEvent {
    MeetingEvent::Leave { reason }
}

fn unrecognised(kind: &str) -> MeetingEvent {
    MeetingEvent::Unrecognised {
        kind: kind.to_owned(),
    }
}

/// JSON text as the browser re-serialises it (key order kept).
fn normalised(json_text: &str) -> String {
    stringify(&json(json_text))
}

#[wasm_bindgen_test]
async fn each_message_from_the_platform_frame_is_delivered_as_documented() {
    let x256 = "x".repeat(256);
    let t256 = format!("t{}", "y".repeat(255));
    let nested_ok = format!(
        r#"{{"type":"{LEAVE}","reason":"left","meta":{}1{}}}"#,
        "[".repeat(10),
        "]".repeat(10)
    );
    // (message JSON, expected event)
    let table: Vec<(String, MeetingEvent)> = vec![
        (leave_json("left"), leave(LeaveReason::Left)),
        (leave_json("kicked"), leave(LeaveReason::Kicked)),
        (leave_json("blocked"), leave(LeaveReason::Blocked)),
        (
            leave_json("timeout"),
            leave(LeaveReason::Other("timeout".into())),
        ),
        (leave_json("Left"), leave(LeaveReason::Other("Left".into()))),
        (leave_json(""), leave(LeaveReason::Other(String::new()))),
        (leave_json(&x256), leave(LeaveReason::Other(x256.clone()))),
        (
            JOINED.into(),
            unrecognised("vivomeetingsParticipantJoinedEvent"),
        ),
        (format!(r#"{{"type":"{t256}"}}"#), unrecognised(&t256)),
        (r#"{"type":"","x":null}"#.into(), unrecognised("")),
        (
            format!(r#"{{"reason":"left","type":"{LEAVE}","extra":{{"a":[1,2,{{"b":null}}]}}}}"#),
            leave(LeaveReason::Left),
        ),
        (nested_ok, leave(LeaveReason::Left)),
    ];
    let messages = format!(
        "[{}]",
        table
            .iter()
            .map(|(m, _)| m.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let got = poster_deliveries(&platform(), &messages, table.len()).await;
    for ((sent, want), got) in table.iter().zip(got) {
        assert_eq!(
            got,
            Got::Accepted(want.clone(), normalised(sent)),
            "for {sent}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_right_payload_from_another_origin_is_rejected_as_origin() {
    let same_port_other_host = format!("http://127.0.0.1:{}", platform_port());
    let messages = format!("[{},{}]", leave_json("left"), JOINED);
    for origin in [app(), same_port_other_host] {
        let got = poster_deliveries(&origin, &messages, 2).await;
        for g in got {
            assert_eq!(
                g,
                Got::Rejected(Rejection::Origin, origin.clone()),
                "from {origin}"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn a_second_frame_of_the_platform_origin_is_rejected_as_source() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    // A posts after B, so B's message arrives while A's listener is live.
    let a = frame(
        &c,
        &poster_url(&platform(), &format!("[{}]", leave_json("left")), 300),
    );
    let b = frame(
        &c,
        &poster_url(&platform(), &format!("[{}]", leave_json("kicked")), 0),
    );
    let (_la, log_a) = listen(&a, &platform());
    let (_lb, log_b) = listen(&b, &platform());
    let mut got_a = settle(&log_a, 2).await;
    let mut got_b = settle(&log_b, 2).await;
    let left = Got::Accepted(leave(LeaveReason::Left), normalised(&leave_json("left")));
    let kicked = Got::Accepted(
        leave(LeaveReason::Kicked),
        normalised(&leave_json("kicked")),
    );
    let foreign = Got::Rejected(Rejection::Source, platform());
    let key = |g: &Got| format!("{g:?}");
    got_a.sort_by_key(key);
    got_b.sort_by_key(key);
    let mut want_a = vec![left, foreign.clone()];
    let mut want_b = vec![kicked, foreign];
    want_a.sort_by_key(key);
    want_b.sort_by_key(key);
    assert_eq!(got_a, want_a, "A hears only its own frame");
    assert_eq!(got_b, want_b, "B hears only its own frame");
}

#[wasm_bindgen_test]
async fn messages_from_the_page_itself_are_rejected() {
    let (_cleanup, iframe, _) = blank_frame();
    let (_listener, log) = listen(&iframe, &platform());
    post_to_self(&json(&leave_json("left")));
    let got = settle(&log, 1).await;
    assert_eq!(got, vec![Got::Rejected(Rejection::Origin, page_origin())]);
    // A page script forging the origin still cannot be the frame.
    dispatch(
        &platform(),
        Some(&window().into()),
        &json(&leave_json("left")),
    );
    assert_eq!(
        log.borrow()[1],
        Got::Rejected(Rejection::Source, platform())
    );
}

/// Origins that look like `origin` but are not it.
fn lookalikes(origin: &str) -> Vec<String> {
    let (scheme, rest) = origin.split_once("://").expect("scheme");
    let other_scheme = if scheme == "https" { "http" } else { "https" };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p.parse::<u32>().expect("port"))),
        None => (rest, None),
    };
    let mut out = vec![
        format!("{origin}.evil.io"),
        format!("{origin}/"),
        format!("{origin}:"),
        format!("{origin} "),
        format!(" {origin}"),
        format!("{origin}\0"),
        origin.to_uppercase(),
        format!("{scheme}://{}", rest.to_uppercase()),
        format!("{other_scheme}://{rest}"),
        format!("{scheme}://x{rest}"),
        format!("{scheme}://evil.io"),
        format!("{scheme}://{rest}@evil.io"),
        origin[..origin.len() - 1].to_owned(),
        "null".into(),
        "".into(),
        "*".into(),
    ];
    match port {
        Some(p) => {
            out.push(format!("{scheme}://{host}:{}", p + 1));
            out.push(format!("{scheme}://{host}"));
            out.push(format!("{scheme}://{host}:0{p}"));
        }
        None => {
            out.push(format!("{origin}:8443"));
            out.push(format!(
                "{origin}:{}",
                if scheme == "https" { 443 } else { 80 }
            ));
        }
    }
    out
}

#[wasm_bindgen_test]
fn lookalike_origins_are_rejected_as_origin() {
    let (_cleanup, iframe, source) = blank_frame();
    let data = json(&leave_json("left"));
    let acme = "https://acme.vivomeetings.com";
    let mut cases: Vec<(String, Vec<String>)> = vec![(
        acme.into(),
        [
            "https://acme.vivomeetings.com.evil.io",
            "http://acme.vivomeetings.com",
            "https://acme.vivomeetings.com:443",
            "https://acme.vivomeetings.com:8443",
            "https://ACME.VIVOMEETINGS.COM",
            "HTTPS://acme.vivomeetings.com",
            "https://acme.vivomeetings.com/",
            "https://evil.io/https://acme.vivomeetings.com",
            "https://acme-vivomeetings.com",
            "https://acme.vivomeetings.co",
            "null",
        ]
        .map(String::from)
        .into(),
    )];
    cases[0].1.extend(lookalikes(acme));
    cases.push((platform(), lookalikes(&platform())));
    for (origin, fakes) in cases {
        let (_listener, log) = listen(&iframe, &origin);
        for fake in &fakes {
            assert_ne!(fake, &origin);
            assert_eq!(
                dispatch_then_last(&log, fake, Some(&source), &data),
                Some(Got::Rejected(Rejection::Origin, fake.clone())),
                "{fake:?} posing as {origin}"
            );
        }
        assert_eq!(log.borrow().len(), fakes.len(), "one delivery per event");
        // Control: the exact origin from the right window passes the origin
        // check, and then fails as what it is, a script-dispatched event.
        assert_eq!(
            dispatch_then_last(&log, &origin, Some(&source), &data),
            Some(Got::Rejected(Rejection::Source, origin.clone())),
            "{origin} itself, dispatched by a script"
        );
    }
}

#[wasm_bindgen_test]
async fn script_dispatched_events_are_never_delivered() {
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, source) = blank_frame();
    let perfect = [
        leave_json("left"),
        leave_json("kicked"),
        leave_json("blocked"),
        JOINED.to_owned(),
        DONE.to_owned(),
    ];
    // The exact origin and the frame's own window, as any page or extension
    // script can claim them: for the platform, and for the page's own origin
    // (which a same-origin frame really has).
    for origin in [platform(), page_origin()] {
        let (_listener, log) = listen(&iframe, &origin);
        for m in &perfect {
            assert_eq!(
                dispatch_then_last(&log, &origin, Some(&source), &json(m)),
                Some(Got::Rejected(Rejection::Source, origin.clone())),
                "{m} claiming {origin}"
            );
        }
        // A subclass whose prototype claims `isTrusted`: the event's own,
        // unforgeable `isTrusted` is what counts.
        dispatch_claiming_trust(&origin, &source, &json(&leave_json("left")));
        assert_eq!(
            log.borrow().last(),
            Some(&Got::Rejected(Rejection::Source, origin.clone())),
            "a subclass claiming isTrusted"
        );
        assert_eq!(log.borrow().len(), perfect.len() + 1);
    }
    // Control: the same message really posted by that frame is delivered.
    let (_listener, log) = listen(&iframe, &page_origin());
    post_from_child(&iframe, &json(&leave_json("left")));
    assert_eq!(
        settle(&log, 1).await,
        vec![Got::Accepted(
            leave(LeaveReason::Left),
            normalised(&leave_json("left"))
        )]
    );
    assert_no_new_page_errors(errors_before);
}

#[wasm_bindgen_test]
async fn the_right_origin_from_another_window_is_rejected_as_source() {
    // Real (trusted) messages with the right origin from the wrong window:
    // same-origin about:blank frames and the page itself post with the
    // page's origin, so the listener here expects that origin. (The
    // platform-origin case, a second poster frame, is tested above.)
    let (cleanup, iframe, source) = blank_frame();
    let other = frame(&cleanup.0, "about:blank");
    let data = json(&leave_json("kicked"));
    let origin = page_origin();
    let (_listener, log) = listen(&iframe, &origin);
    let kicked = Got::Accepted(
        leave(LeaveReason::Kicked),
        normalised(&leave_json("kicked")),
    );
    let foreign = Got::Rejected(Rejection::Source, origin.clone());
    post_from_child(&other, &data);
    post_to_self(&data);
    post_from_child(&iframe, &data);
    assert_eq!(
        settle(&log, 3).await,
        vec![foreign.clone(), foreign.clone(), kicked],
        "another iframe, the page, then its own frame (control)"
    );
    // Script-dispatched claims of any window are rejected as well.
    let page: JsValue = window().into();
    let top: JsValue = window().top().unwrap().unwrap().into();
    let other_window = content_window(&other);
    let sources: [(&str, Option<&JsValue>); 5] = [
        ("no source", None),
        ("the page", Some(&page)),
        ("another iframe", Some(&other_window)),
        ("the top window", Some(&top)),
        ("its own frame", Some(&source)),
    ];
    for (what, claimed) in sources {
        assert_eq!(
            dispatch_then_last(&log, &origin, claimed, &data),
            Some(foreign.clone()),
            "{what}"
        );
    }
    // A removed iframe has no window any more: a real message from another
    // window is not from it.
    iframe.remove();
    post_from_child(&other, &data);
    let got = settle(&log, 3 + sources.len() + 1).await;
    assert_eq!(got.last(), Some(&foreign), "after removal");
}

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
    let long_type = format!(r#"{{"type":"{}"}}"#, "t".repeat(257));
    let long_reason = leave_json(&"r".repeat(257));
    let table: Vec<String> = [
        r#""vivomeetingsLeaveCallEvent""#,
        r#""left""#,
        "42",
        "0",
        "-1.5",
        "true",
        "false",
        "null",
        "[]",
        r#"["vivomeetingsLeaveCallEvent","left"]"#,
        r#"[{"type":"vivomeetingsLeaveCallEvent","reason":"left"}]"#,
        "{}",
        r#"{"reason":"left"}"#,
        r#"{"Type":"vivomeetingsLeaveCallEvent","reason":"left"}"#,
        r#"{"type":1,"reason":"left"}"#,
        r#"{"type":null,"reason":"left"}"#,
        r#"{"type":true}"#,
        r#"{"type":["vivomeetingsLeaveCallEvent"],"reason":"left"}"#,
        r#"{"type":{"toString":"vivomeetingsLeaveCallEvent"},"reason":"left"}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent"}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":5}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":null}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":["left"]}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":{"left":true}}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","__proto__":{"isAdmin":true}}"#,
        r#"{"__proto__":{"type":"vivomeetingsLeaveCallEvent","reason":"left"}}"#,
        r#"{"__proto__":1}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","constructor":{"prototype":{"x":1}}}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","prototype":1}"#,
        r#"{"type":"vivomeetingsLeaveCallEvent","reason":"left","a":{"b":[{"__proto__":{}}]}}"#,
        r#"{"type":"vivomeetingsParticipantJoinedEvent","constructor":1}"#,
        r#"{"__big":1048576}"#,
        r#"{"__bigreason":1048576}"#,
        r#"{"__bigreason":257}"#,
        r#"{"__big":0}"#,
    ]
    .into_iter()
    .map(String::from)
    .chain([deep, deep_objects, long_type, long_reason])
    .collect();
    let messages = format!("[{},{DONE}]", table.join(","));
    let got = poster_deliveries(&platform(), &messages, table.len() + 1).await;
    assert_rejected_as_shape(&table, &got, 120);
    assert_eq!(
        got[table.len()],
        Got::Accepted(unrecognised("test.done"), normalised(DONE)),
        "the listener still works"
    );
}

#[wasm_bindgen(inline_js = r#"
export function next_load(iframe, ms) {
  return new Promise((resolve) => {
    iframe.addEventListener('load', () => resolve(true), { once: true });
    setTimeout(() => resolve(false), ms);
  });
}
export function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}
export function post_from_child(iframe, data) {
  // A function of the frame's own realm: the browser makes the frame's
  // window the source (and its origin, the page's, the origin).
  iframe.contentWindow.Function('data', 'parent.postMessage(data, "*")')(data);
}
export function dispatch_claiming_trust(origin, source, data) {
  class Trusted extends MessageEvent {
    get isTrusted() { return true; }
  }
  window.dispatchEvent(new Trusted('message', { origin, source, data }));
}
export function describe_posts(iframe) {
  const describe = (v) => {
    if (v === undefined) return 'undefined';
    if (typeof v === 'bigint') return 'bigint ' + v;
    if (typeof v === 'string') return 'string ' + v.length;
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (tag === 'Date') return 'Date ' + v.getTime();
    if (tag === 'Map' || tag === 'Set') return tag + ' ' + JSON.stringify([...v]);
    if (tag === 'RegExp') return 'RegExp ' + v.source;
    if (tag === 'Uint8Array') return 'Uint8Array ' + v.length;
    if (tag === 'Blob') return 'Blob ' + v.size;
    if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0])) {
      let depth = 0;
      for (; Array.isArray(v); v = v[0]) depth++;
      return 'nested ' + depth + ' around ' + JSON.stringify(v);
    }
    const keys = Object.keys(v);
    const shown = keys.length > 5 ? keys.length + ' keys' : 'keys ' + keys.join(',');
    if (Array.isArray(v)) {
      const shared = v.length > 1 && typeof v[0] === 'object' && v.every((x) => x === v[0]);
      return 'Array length ' + v.length + ' ' + shown + (shared ? ' shared' : '');
    }
    let out = tag + ' ' + shown;
    if (v.self === v) out += ' self';
    if (typeof v.reason === 'string') out += ' reason ' + v.reason.length;
    if (typeof v.__proto__ === 'string' && Object.getPrototypeOf(v) === Object.prototype) out += ' own __proto__ ' + v.__proto__;
    return out;
  };
  const seen = [];
  const onMessage = (e) => { if (e.source === iframe.contentWindow) seen.push(describe(e.data)); };
  window.addEventListener('message', onMessage);
  return { seen, stop: () => window.removeEventListener('message', onMessage) };
}
export function unclonable_values() {
  const getter = { reason: 'left' };
  Object.defineProperty(getter, 'type', { enumerable: true, get() { throw new Error('vm-test: getter'); } });
  const cyclic = { type: 'vivomeetingsLeaveCallEvent', reason: 'left' };
  cyclic.self = cyclic;
  const dag = [];
  const shared = { a: 'x'.repeat(100) };
  for (let i = 0; i < 5000; i++) dag.push(shared);
  const wideObject = { type: 'vivomeetingsLeaveCallEvent', reason: 'left' };
  for (let i = 0; i < 70000; i++) wideObject['k' + i] = 0;
  const sparse = [];
  sparse.length = 4294967295;
  return [
    ['a Date', new Date()],
    ['a Map', new Map([['type', 'vivomeetingsLeaveCallEvent']])],
    ['a typed array', new Uint8Array(8)],
    ['a Blob', new Blob(['x'])],
    ['a function', function () {}],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
    ['undefined', undefined],
    ['a class instance', new (class Leave { constructor() { this.type = 'vivomeetingsLeaveCallEvent'; this.reason = 'left'; } })()],
    ['a throwing getter', getter],
    ['a revoked Proxy', (() => { const { proxy, revoke } = Proxy.revocable({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, {}); revoke(); return proxy; })()],
    ['a cycle', cyclic],
    ['a shared subtree 5000 times', { type: 'x', dag }],
    ['70000 keys', wideObject],
    ['a huge sparse array', { type: 'vivomeetingsLeaveCallEvent', reason: 'left', list: sparse }],
    ['a message over 64 KiB', { type: 'vivomeetingsParticipantJoinedEvent', pad: 'x'.repeat(70000) }],
  ];
}
"#)]
extern "C" {
    fn unclonable_values() -> Array;
    /// Describes each message `iframe`'s window posts (`seen`, strings)
    /// until `stop()`.
    fn describe_posts(iframe: &HtmlIFrameElement) -> JsValue;
    /// Resolves with `true` on the iframe's next `load` event, or with
    /// `false` after `ms` milliseconds.
    fn next_load(iframe: &HtmlIFrameElement, ms: u32) -> Promise;
    /// Resolves with `true` when `promise` settles, or with `false` after `ms`.
    fn within(promise: &Promise, ms: u32) -> Promise;
    /// A real, trusted `postMessage` of `data` to this page from the
    /// same-origin (`about:blank`) `iframe`: origin the page's, source the frame.
    fn post_from_child(iframe: &HtmlIFrameElement, data: &JsValue);
    /// Dispatches an instance of a `MessageEvent` subclass whose prototype
    /// says `isTrusted` is true.
    fn dispatch_claiming_trust(origin: &str, source: &JsValue, data: &JsValue);
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
    let messages = format!(
        "[{}]",
        table.iter().map(|(m, _)| *m).collect::<Vec<_>>().join(",")
    );
    iframe.set_src(&poster_url(&platform(), &messages, 0));
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

/// Values a page script can put in a synthetic event, many of which no
/// frame could post (functions, symbols, throwing getters, revoked
/// Proxies): they never reach the parser, and nothing panics or throws.
#[wasm_bindgen_test]
async fn values_a_page_script_could_dispatch_are_rejected_as_source_without_panicking() {
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, source) = blank_frame();
    let (_listener, log) = listen(&iframe, &platform());
    let values = unclonable_values();
    for pair in values.iter() {
        let pair: Array = pair.unchecked_into();
        let what = pair.get(0).as_string().unwrap();
        assert_eq!(
            dispatch_then_last(&log, &platform(), Some(&source), &pair.get(1)),
            Some(Got::Rejected(Rejection::Source, platform())),
            "{what}"
        );
    }
    assert_eq!(log.borrow().len() as u32, values.length());
    assert_no_new_page_errors(errors_before);
    // The listener (and the wasm instance) still work: a real message.
    iframe.set_src(&poster_url(
        &platform(),
        &format!("[{}]", leave_json("left")),
        0,
    ));
    let got = settle(&log, values.length() as usize + 1).await;
    assert_eq!(
        got.last(),
        Some(&Got::Accepted(
            leave(LeaveReason::Left),
            normalised(&leave_json("left"))
        ))
    );
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
            "a shared subtree 5000 times",
            r#"{"type":"x","dag":{"__repeat":{"count":5000,"value":{"a":{"__big":100}}}}}"#.into(),
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
            "33 nested arrays",
            r#"{"type":"x","deep":{"__nest":{"depth":32,"value":1}}}"#.into(),
        ),
        (
            "a message over 64 KiB",
            r#"{"type":"vivomeetingsParticipantJoinedEvent","pad":{"__big":70000}}"#.into(),
        ),
        (
            "a leave over 64 KiB in many short strings",
            leave_with("pad", r#"{"__repeat":{"count":300,"value":{"__big":250}}}"#),
        ),
    ];
    let sent: Vec<String> = table.iter().map(|(what, _)| what.to_string()).collect();
    let messages = format!(
        "[{},{DONE}]",
        table
            .iter()
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let got = poster_deliveries(&platform(), &messages, table.len() + 1).await;
    assert_rejected_as_shape(&sent, &got, 60);
    assert_eq!(
        got[table.len()],
        Got::Accepted(unrecognised("test.done"), normalised(DONE)),
        "the listener still works"
    );
}

/// Controls for the table above, from the same frame: nesting within the
/// limit, a small sparse array, a harmless named key on an array and a
/// shared subtree within the size limit are all fine.
#[wasm_bindgen_test]
async fn structured_clone_values_within_the_limits_are_accepted() {
    let table: Vec<(String, MeetingEvent, String)> = vec![
        (
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","deep":{{"__nest":{{"depth":31,"value":1}}}}}}"#
            ),
            leave(LeaveReason::Left),
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","deep":{}1{}}}"#,
                "[".repeat(31),
                "]".repeat(31)
            ),
        ),
        (
            format!(r#"{{"type":"{LEAVE}","reason":"kicked","list":{{"__sparse":5}}}}"#),
            leave(LeaveReason::Kicked),
            format!(r#"{{"type":"{LEAVE}","reason":"kicked","list":[null,null,null,null,null]}}"#),
        ),
        (
            format!(
                r#"{{"type":"{LEAVE}","reason":"left","list":{{"__array":{{"items":["a"],"keys":{{"note":"fine"}}}}}}}}"#
            ),
            leave(LeaveReason::Left),
            format!(r#"{{"type":"{LEAVE}","reason":"left","list":["a"]}}"#),
        ),
        (
            r#"{"type":"x","dag":{"__repeat":{"count":50,"value":{"a":{"__big":100}}}}}"#.into(),
            unrecognised("x"),
            format!(
                r#"{{"type":"x","dag":[{}]}}"#,
                vec![format!(r#"{{"a":"{}"}}"#, "x".repeat(100)); 50].join(",")
            ),
        ),
    ];
    let messages = format!(
        "[{}]",
        table
            .iter()
            .map(|(m, _, _)| m.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let got = poster_deliveries(&platform(), &messages, table.len()).await;
    for ((sent, want, data), got) in table.iter().zip(got) {
        assert_eq!(got, Got::Accepted(want.clone(), data.clone()), "for {sent}");
    }
}

/// Structured clone keeps an array's length and its non-index own keys, so
/// a frame can post these (the poster's `__sparse` and `__array`).
#[wasm_bindgen_test]
async fn huge_sparse_arrays_are_rejected() {
    let table = [
        format!(r#"{{"type":"{LEAVE}","reason":"left","list":{{"__sparse":4294967295}}}}"#),
        r#"{"type":"x","list":{"__sparse":65537}}"#.to_owned(),
        format!(r#"{{"type":"{LEAVE}","reason":"left","a":{{"b":[{{"__sparse":100000}}]}}}}"#),
    ];
    let messages = format!("[{},{DONE}]", table.join(","));
    let got = poster_deliveries(&platform(), &messages, table.len() + 1).await;
    assert_rejected_as_shape(&table, &got, 120);
}

#[wasm_bindgen_test]
async fn forbidden_keys_on_arrays_are_rejected() {
    let table: Vec<String> = ["constructor", "__proto__", "prototype"]
        .iter()
        .flat_map(|key| {
            let list = format!(
                r#"{{"__array":{{"items":["a"],"keys":{{"{key}":{{"polluted":true}}}}}}}}"#
            );
            [
                format!(r#"{{"type":"{LEAVE}","reason":"left","list":{list}}}"#),
                format!(r#"{{"type":"x","a":[{{"b":{list}}}]}}"#),
            ]
        })
        .collect();
    let messages = format!("[{},{DONE}]", table.join(","));
    let got = poster_deliveries(&platform(), &messages, table.len() + 1).await;
    assert_rejected_as_shape(&table, &got, 160);
    assert_eq!(
        got[table.len()],
        Got::Accepted(unrecognised("test.done"), normalised(DONE)),
    );
}

#[wasm_bindgen_test]
async fn messages_just_under_the_size_limit_are_accepted() {
    // Control for the 64 KiB cases above: big but under the limit is fine.
    let messages = r#"[{"type":"vivomeetingsParticipantJoinedEvent","pad":{"__big":60000}}]"#;
    let got = poster_deliveries(&platform(), messages, 1).await;
    let want = format!(
        r#"{{"type":"vivomeetingsParticipantJoinedEvent","pad":"{}"}}"#,
        "x".repeat(60_000)
    );
    assert!(
        got[0] == Got::Accepted(unrecognised("vivomeetingsParticipantJoinedEvent"), want),
        "{:?}",
        format!("{:?}", got[0]).chars().take(80).collect::<String>()
    );
}

/// api-contract.md, Events: "Rejected messages: … any string longer than 256
/// characters in a leave". The parser checks only `type` and `reason`.
#[wasm_bindgen_test]
async fn leaves_with_any_string_over_256_characters_are_rejected() {
    let long = "x".repeat(257);
    let table = [
        format!(r#"{{"type":"{LEAVE}","reason":"left","note":"{long}"}}"#),
        format!(r#"{{"type":"{LEAVE}","reason":"left","meta":{{"a":["{long}"]}}}}"#),
    ];
    let messages = format!("[{},{DONE}]", table.join(","));
    let got = poster_deliveries(&platform(), &messages, table.len() + 1).await;
    assert_rejected_as_shape(&table, &got, 60);
}

#[wasm_bindgen_test]
async fn dropping_the_listener_removes_it_and_later_messages_do_nothing() {
    install_listener_counter();
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, source) = blank_frame();
    let data = json(&leave_json("left"));
    let before = message_listeners();
    let (listener, log) = listen(&iframe, &platform());
    assert_eq!(message_listeners(), before + 1, "one listener on window");
    // Delivered while alive: a real message from the frame.
    let loaded = next_load(&iframe, 5000);
    iframe.set_src(&poster_url(
        &platform(),
        &format!("[{}]", leave_json("left")),
        0,
    ));
    assert_eq!(
        settle(&log, 1).await,
        vec![Got::Accepted(leave(LeaveReason::Left), stringify(&data))],
        "delivered while alive"
    );
    wasm_bindgen_futures::JsFuture::from(loaded).await.unwrap();
    drop(listener);
    assert_eq!(message_listeners(), before, "removed from window on drop");
    dispatch(&platform(), Some(&source), &data);
    post_to_self(&data);
    // And a real frame posting after the drop.
    let loaded = next_load(&iframe, 5000);
    iframe.set_src(&poster_url(
        &platform(),
        &format!("[{},{DONE}]", leave_json("left")),
        0,
    ));
    let loaded = wasm_bindgen_futures::JsFuture::from(loaded).await.unwrap();
    assert_eq!(loaded.as_bool(), Some(true), "the poster loaded");
    sleep(200).await;
    assert_eq!(log.borrow().len(), 1, "nothing delivered after drop");
    assert_no_new_page_errors(errors_before);
}

#[wasm_bindgen_test]
async fn a_thousand_listener_cycles_leak_no_listener_and_no_memory() {
    install_listener_counter();
    let (_cleanup, iframe, _) = blank_frame();
    let data = json(&leave_json("blocked"));
    // Each listener gets one real message from its frame: the same-origin
    // about:blank frame posts with the page's origin.
    let origin = page_origin();
    let before = message_listeners();
    let adds_before = message_listener_adds();
    let delivered = Rc::new(Cell::new(0u32));
    // Resolves the current cycle's Promise on any delivery.
    let wake: Rc<RefCell<Option<Function>>> = Rc::default();
    let mut memory = 0.0;
    for i in 0..1050 {
        if i == 50 {
            memory = wasm_memory_bytes();
        }
        let count = delivered.clone();
        let waker = wake.clone();
        let listener = MessageListener::new(iframe.clone(), origin.clone(), move |d| {
            if let Delivery::Accepted {
                event:
                    MeetingEvent::Leave {
                        reason: LeaveReason::Blocked,
                    },
                ..
            } = d
            {
                count.set(count.get() + 1);
            }
            let resolve = waker.borrow_mut().take();
            if let Some(resolve) = resolve {
                resolve.call0(&JsValue::UNDEFINED).expect("resolve");
            }
        })
        .unwrap();
        let delivery = Promise::new(&mut |resolve, _reject| {
            *wake.borrow_mut() = Some(resolve);
        });
        post_from_child(&iframe, &data);
        let arrived = wasm_bindgen_futures::JsFuture::from(within(&delivery, 5000))
            .await
            .unwrap();
        assert_eq!(arrived.as_bool(), Some(true), "cycle {i}: delivered");
        drop(listener);
    }
    assert_eq!(
        delivered.get(),
        1050,
        "each live listener accepted its message"
    );
    assert_eq!(
        message_listener_adds() - adds_before,
        1050,
        "the counter saw every listener"
    );
    assert_eq!(message_listeners(), before, "no listener left on window");
    assert_eq!(
        wasm_memory_bytes(),
        memory,
        "wasm memory did not grow after warm-up"
    );
}

// ---- The JS API: handles returned by embedMeeting / embedLivestream ----

fn vivo() -> JsValue {
    VivoMeetings::new(object(&[("domain", platform().into())]))
        .expect("valid domain")
        .into()
}

/// Embeds and waits for the frame's first page to finish (the room itself,
/// an error page here: the test page is cross-origin isolated), so pointing
/// the frame at the poster afterwards cannot race with that first load.
async fn embed(vivo: &JsValue, method: &str, c: &Element, options: JsValue) -> JsValue {
    let handle = call(vivo, method, &[c.clone().into(), options]).expect(method);
    let loaded = next_load(&iframe_of(&handle), 5000);
    wasm_bindgen_futures::JsFuture::from(loaded).await.unwrap();
    handle
}

fn iframe_of(embed: &JsValue) -> HtmlIFrameElement {
    prop(embed, "iframe").dyn_into().expect("embed.iframe")
}

/// Points the embed's own iframe at the poster, as if the meeting room posted.
fn post_from(embed: &JsValue, messages: &str, delay: u32) {
    iframe_of(embed).set_src(&poster_url(&platform(), messages, delay));
}

fn calls(f: &Function) -> Vec<JsValue> {
    recorded(f).iter().collect()
}

fn leave_event(reason: &str) -> String {
    format!(r#"{{"type":"leave","reason":"{reason}"}}"#)
}

#[wasm_bindgen(inline_js = r#"
export function track(promise) {
  const s = { state: 'pending', value: undefined, settled: 0 };
  promise.then((v) => { s.state = 'fulfilled'; s.value = v; s.settled++; },
               (e) => { s.state = 'rejected'; s.value = e; s.settled++; });
  return s;
}
export function destroy_on_leave(handle, rec) {
  return handle.on('leave', (e) => { rec(e); handle.destroy(); handle.destroy(); });
}
export function watch_order(handle) {
  const seen = { order: [], leftAtMessage: [] };
  const PENDING = {};
  handle.on('message', (e) => {
    seen.order.push('message:' + e.type);
    // Whether `left` is already resolved while this callback runs: a
    // resolved promise wins the race against the one resolved after it.
    Promise.race([handle.left, Promise.resolve(PENDING)]).then((v) => {
      seen.leftAtMessage.push(v === PENDING ? 'pending' : 'resolved:' + v.reason);
    });
  });
  handle.on('leave', (e) => seen.order.push('leave:' + e.reason));
  return seen;
}
"#)]
extern "C" {
    fn track(promise: &Promise) -> JsValue;
    fn destroy_on_leave(handle: &JsValue, rec: &Function) -> Function;
    /// Logs the handle's `message` and `leave` callbacks in one list
    /// (`order`), and for each message whether `left` had resolved
    /// (`leftAtMessage`).
    fn watch_order(handle: &JsValue) -> JsValue;
}

fn strings(list: JsValue) -> Vec<String> {
    Array::from(&list)
        .iter()
        .map(|v| v.as_string().expect("a string"))
        .collect()
}

#[wasm_bindgen_test]
async fn js_api_delivers_leave_and_message_events_to_every_callback() {
    install_error_counter();
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let (on_leave, on_rejected, on, once, messages, after_throw) = (
        recorder(),
        recorder(),
        recorder(),
        recorder(),
        recorder(),
        recorder(),
    );
    let options = object(&[
        ("accessCode", "123456".into()),
        ("onLeave", on_leave.clone().into()),
        ("onRejected", on_rejected.clone().into()),
    ]);
    let meeting = embed(&vivo(), "embedMeeting", &c, options).await;
    let left = track(
        &prop(&meeting, "left")
            .dyn_into()
            .expect("left is a Promise"),
    );
    let unsubscribe = call(&meeting, "on", &["leave".into(), on.clone().into()]).unwrap();
    assert!(
        unsubscribe.is_function(),
        "on() returns the unsubscribe function"
    );
    call(&meeting, "once", &["leave".into(), once.clone().into()]).unwrap();
    call(
        &meeting,
        "on",
        &["leave".into(), thrower("vm-test: partner bug").into()],
    )
    .unwrap();
    call(
        &meeting,
        "on",
        &["leave".into(), after_throw.clone().into()],
    )
    .unwrap();
    call(&meeting, "on", &["message".into(), messages.clone().into()]).unwrap();
    let seen = watch_order(&meeting);
    let sent = [
        JOINED.to_owned(),
        leave_json("left"),
        JOINED.to_owned(),
        leave_json("kicked"),
        leave_json("timeout"),
    ];
    post_from(&meeting, &format!("[{}]", sent.join(",")), 0);
    wait_until("5 message events", 8000.0, || {
        recorded(&messages).length() >= 5
    })
    .await;
    sleep(100).await;
    // For a leave: `left` resolves first, then `message`, then `leave`.
    assert_eq!(
        strings(prop(&seen, "order")),
        [
            "message:vivomeetingsParticipantJoinedEvent",
            "message:vivomeetingsLeaveCallEvent",
            "leave:left",
            "message:vivomeetingsParticipantJoinedEvent",
            "message:vivomeetingsLeaveCallEvent",
            "leave:kicked",
            "message:vivomeetingsLeaveCallEvent",
            "leave:timeout",
        ]
    );
    assert_eq!(
        strings(prop(&seen, "leftAtMessage")),
        [
            "pending",
            "resolved:left",
            "resolved:left",
            "resolved:left",
            "resolved:left"
        ],
        "left is resolved before the leave's message callbacks run"
    );

    let as_json = |f: &Function| calls(f).iter().map(stringify).collect::<Vec<_>>();
    let leaves = vec![
        leave_event("left"),
        leave_event("kicked"),
        leave_event("timeout"),
    ];
    assert_eq!(as_json(&on_leave), leaves, "onLeave");
    assert_eq!(as_json(&on), leaves, "on('leave')");
    assert_eq!(
        as_json(&after_throw),
        leaves,
        "a throwing callback does not stop the next one"
    );
    assert_eq!(
        as_json(&once),
        vec![leave_event("left")],
        "once('leave') fires once"
    );
    let want_messages: Vec<String> = sent
        .iter()
        .map(|m| {
            let kind = prop_str(&json(m), "type").unwrap();
            format!(r#"{{"type":"{kind}","data":{}}}"#, normalised(m))
        })
        .collect();
    assert_eq!(
        as_json(&messages),
        want_messages,
        "every validated message, leaves included"
    );
    assert!(
        calls(&on_rejected).is_empty(),
        "nothing rejected: {:?}",
        as_json(&on_rejected)
    );
    assert_eq!(prop_str(&left, "state").as_deref(), Some("fulfilled"));
    assert_eq!(
        stringify(&prop(&left, "value")),
        leave_event("left"),
        "left resolves with the first leave"
    );
    assert_eq!(prop(&left, "settled").as_f64(), Some(1.0));
    let errors: Vec<String> = page_errors().iter().filter_map(|e| e.as_string()).collect();
    assert_eq!(
        errors
            .iter()
            .filter(|e| e.as_str() == "vm-test: partner bug")
            .count(),
        3,
        "reported: {errors:?}"
    );
    call(&meeting, "destroy", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn js_api_off_and_unsubscribe_stop_delivery() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let meeting = embed(&vivo(), "embedMeeting", &c, json(r#"{"accessCode":"1"}"#)).await;
    let (a, b, m, control) = (recorder(), recorder(), recorder(), recorder());
    let unsubscribe: Function = call(&meeting, "on", &["leave".into(), a.clone().into()])
        .unwrap()
        .unchecked_into();
    call(&meeting, "on", &["leave".into(), b.clone().into()]).unwrap();
    call(&meeting, "on", &["message".into(), m.clone().into()]).unwrap();
    call(&meeting, "on", &["leave".into(), control.clone().into()]).unwrap();
    unsubscribe.call0(&JsValue::UNDEFINED).unwrap();
    unsubscribe
        .call0(&JsValue::UNDEFINED)
        .expect("unsubscribing twice is harmless");
    call(&meeting, "off", &["leave".into(), b.clone().into()]).unwrap();
    call(&meeting, "off", &["message".into(), m.clone().into()]).unwrap();
    call(&meeting, "off", &["leave".into(), recorder().into()])
        .expect("off with an unknown callback is harmless");
    post_from(&meeting, &format!("[{}]", leave_json("left")), 0);
    wait_until("the control callback", 8000.0, || {
        recorded(&control).length() >= 1
    })
    .await;
    sleep(100).await;
    assert_eq!(recorded(&control).length(), 1);
    assert_eq!(recorded(&a).length(), 0, "unsubscribed");
    assert_eq!(recorded(&b).length(), 0, "off('leave')");
    assert_eq!(recorded(&m).length(), 0, "off('message')");
    // Event names other than leave/message are refused.
    for bad in ["Leave", "close", "", "vivomeetingsLeaveCallEvent"] {
        let err = call(&meeting, "on", &[bad.into(), recorder().into()]).expect_err(bad);
        assert_vivo_error(&err, "invalid_option", bad);
    }
    let err =
        call(&meeting, "on", &["leave".into(), "not a function".into()]).expect_err("callback");
    assert_vivo_error(&err, "invalid_option", "callback");
    call(&meeting, "destroy", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn js_api_destroy_inside_a_leave_callback_and_messages_after_destroy() {
    install_listener_counter();
    install_error_counter();
    let errors_before = page_errors().length();
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let listeners = message_listeners();
    let on_rejected = recorder();
    let options = object(&[
        ("accessCode", "1".into()),
        ("onRejected", on_rejected.clone().into()),
    ]);
    let meeting = embed(&vivo(), "embedMeeting", &c, options).await;
    assert_eq!(message_listeners(), listeners + 1);
    let left = track(&prop(&meeting, "left").dyn_into().unwrap());
    let rec = recorder();
    destroy_on_leave(&meeting, &rec);
    // Subscribed after the destroying leave callback: still hears the leave.
    let heard = recorder();
    call(&meeting, "on", &["message".into(), heard.clone().into()]).unwrap();
    let iframe = iframe_of(&meeting);
    // The frame's WindowProxy stays the same across its navigations.
    let window_proxy = content_window(&iframe);
    post_from(
        &meeting,
        &format!("[{},{}]", leave_json("kicked"), leave_json("left")),
        0,
    );
    wait_until("the leave callback", 8000.0, || {
        recorded(&rec).length() >= 1
    })
    .await;
    sleep(150).await;
    assert_eq!(
        recorded(&rec).length(),
        1,
        "destroyed after the first leave"
    );
    assert!(!iframe.is_connected(), "the iframe is gone");
    assert_eq!(
        message_listeners(),
        listeners,
        "the window listener is gone"
    );
    assert_eq!(stringify(&prop(&left, "value")), leave_event("kicked"));
    assert_eq!(
        calls(&heard).iter().map(stringify).collect::<Vec<_>>(),
        [format!(
            r#"{{"type":"{LEAVE}","data":{}}}"#,
            normalised(&leave_json("kicked"))
        )],
        "a leave callback that destroys does not hide that leave's message"
    );
    // A forged-perfect message after destroy does nothing and throws nothing.
    dispatch(&platform(), Some(&window_proxy), &json(&leave_json("left")));
    post_to_self(&json(&leave_json("left")));
    sleep(50).await;
    assert_eq!(recorded(&rec).length(), 1);
    assert_eq!(recorded(&heard).length(), 1);
    assert_eq!(
        recorded(&on_rejected).length(),
        0,
        "callbacks were dropped on destroy"
    );
    call(&meeting, "destroy", &[]).expect("destroy after destroy");
    assert_no_new_page_errors(errors_before);
}

#[wasm_bindgen_test]
async fn js_api_script_dispatched_events_reach_only_on_rejected() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let (on_leave, on_rejected, on_message) = (recorder(), recorder(), recorder());
    let options = object(&[
        ("accessCode", "1".into()),
        ("onLeave", on_leave.clone().into()),
        ("onRejected", on_rejected.clone().into()),
    ]);
    let meeting = embed(&vivo(), "embedMeeting", &c, options).await;
    call(
        &meeting,
        "on",
        &["message".into(), on_message.clone().into()],
    )
    .unwrap();
    let left = track(&prop(&meeting, "left").dyn_into().unwrap());
    let frame_window = content_window(&iframe_of(&meeting));
    // Perfect forgeries: the platform's exact origin, the embed's own frame.
    for m in [leave_json("left"), leave_json("blocked"), JOINED.to_owned()] {
        dispatch(&platform(), Some(&frame_window), &json(&m));
    }
    dispatch_claiming_trust(&platform(), &frame_window, &json(&leave_json("kicked")));
    sleep(50).await;
    let source = format!(r#"{{"reason":"source","origin":"{}"}}"#, platform());
    assert_eq!(
        calls(&on_rejected)
            .iter()
            .map(stringify)
            .collect::<Vec<_>>(),
        vec![source; 4]
    );
    assert!(calls(&on_leave).is_empty(), "no leave callback");
    assert!(calls(&on_message).is_empty(), "no message callback");
    assert_eq!(prop_str(&left, "state").as_deref(), Some("pending"));
    // Control: the same leave really posted by the frame is delivered.
    post_from(&meeting, &format!("[{}]", leave_json("left")), 0);
    wait_until("the real leave", 8000.0, || {
        recorded(&on_leave).length() >= 1
    })
    .await;
    sleep(50).await;
    assert_eq!(prop_str(&left, "state").as_deref(), Some("fulfilled"));
    assert_eq!(recorded(&on_message).length(), 1);
    assert_eq!(recorded(&on_rejected).length(), 4);
    call(&meeting, "destroy", &[]).unwrap();
}

#[wasm_bindgen_test]
async fn js_api_two_embeds_never_hear_each_other_and_report_rejections() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let vivo = vivo();
    let (leave_a, rejected_a, leave_b, rejected_b) =
        (recorder(), recorder(), recorder(), recorder());
    let options = |on_leave: &Function, on_rejected: &Function| {
        object(&[
            ("accessCode", "1".into()),
            ("onLeave", on_leave.clone().into()),
            ("onRejected", on_rejected.clone().into()),
        ])
    };
    let meeting = embed(&vivo, "embedMeeting", &c, options(&leave_a, &rejected_a)).await;
    let stream = embed(&vivo, "embedLivestream", &c, options(&leave_b, &rejected_b)).await;
    post_from(&meeting, &format!("[{}]", leave_json("left")), 0);
    post_from(
        &stream,
        &format!("[{},{}]", leave_json("kicked"), r#"{"type":5}"#),
        0,
    );
    wait_until("both frames", 8000.0, || {
        recorded(&leave_a).length() >= 1 && recorded(&leave_b).length() >= 1
    })
    .await;
    post_to_self(&json(&leave_json("blocked")));
    sleep(200).await;
    let as_json = |f: &Function| calls(f).iter().map(stringify).collect::<Vec<_>>();
    assert_eq!(as_json(&leave_a), vec![leave_event("left")]);
    assert_eq!(as_json(&leave_b), vec![leave_event("kicked")]);
    let source = format!(r#"{{"reason":"source","origin":"{}"}}"#, platform());
    let shape = format!(r#"{{"reason":"shape","origin":"{}"}}"#, platform());
    let origin = format!(r#"{{"reason":"origin","origin":"{}"}}"#, page_origin());
    let mut got_a = as_json(&rejected_a);
    let mut got_b = as_json(&rejected_b);
    got_a.sort();
    got_b.sort();
    let mut want_a = vec![source.clone(), source.clone(), origin.clone()];
    let mut want_b = vec![source, shape, origin];
    want_a.sort();
    want_b.sort();
    assert_eq!(
        got_a, want_a,
        "A: B's two messages (source) and the page's (origin)"
    );
    assert_eq!(
        got_b, want_b,
        "B: A's message (source), its own bad one (shape), the page's (origin)"
    );
    for e in [&meeting, &stream] {
        call(e, "destroy", &[]).unwrap();
    }
}

/// Asserts that the page reported no error since `errors_before` were counted.
fn assert_no_new_page_errors(errors_before: u32) {
    assert_eq!(
        page_errors().length(),
        errors_before,
        "nothing thrown: {:?}",
        page_errors()
    );
}
