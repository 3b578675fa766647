//! Helpers shared by the browser test files (`tests/browser_*.rs`): the
//! stand-in's origins, sleeping and polling, scratch containers and frames,
//! poster URLs, JSON and property helpers, a recorder of uncaught page
//! errors, and the test-side `message` listener ([`Checker`]) that asks
//! `vivomeetings_embed::wasm::check_message` about each real event.
//!
//! Run the browser tests through `make test-browser`, which starts the
//! platform stand-in and sets `VIVO_PLATFORM` and `VIVO_APP` at compile time.

#![allow(dead_code)]

use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use vivomeetings_embed::wasm::check_message;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Document, Element, HtmlElement, HtmlIFrameElement, MessageEvent, MessageEventInit, Window,
};

const RUN_THROUGH_MAKE: &str = "is not set at compile time: run the browser tests through \
     `make test-browser` (scripts/with-standin.sh starts the platform stand-in and exports \
     VIVO_PLATFORM and VIVO_APP)";

/// The stand-in's platform origin, e.g. `http://localhost:40547`.
pub fn platform() -> String {
    match option_env!("VIVO_PLATFORM") {
        Some(origin) if !origin.is_empty() => origin.to_owned(),
        _ => panic!("VIVO_PLATFORM {RUN_THROUGH_MAKE}"),
    }
}

/// The stand-in's partner-app origin, e.g. `http://127.0.0.1:41441`.
pub fn app() -> String {
    match option_env!("VIVO_APP") {
        Some(origin) if !origin.is_empty() => origin.to_owned(),
        _ => panic!("VIVO_APP {RUN_THROUGH_MAKE}"),
    }
}

/// The platform's port.
pub fn platform_port() -> u16 {
    let origin = platform();
    let (_, port) = origin
        .rsplit_once(':')
        .expect("the platform origin has a port");
    port.parse().expect("a port number")
}

pub fn window() -> Window {
    web_sys::window().expect("a window")
}

pub fn document() -> Document {
    window().document().expect("a document")
}

/// The test page's own origin (`window.origin`).
pub fn page_origin() -> String {
    window().origin()
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timer");
}

/// Polls `done` every 10 ms until it holds (true) or `timeout_ms` passed (false).
pub async fn poll(timeout_ms: f64, mut done: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    while !done() {
        if js_sys::Date::now() - start >= timeout_ms {
            return false;
        }
        sleep(10).await;
    }
    true
}

/// Polls `done` every 10 ms until it holds; panics with `what` after `timeout_ms`.
pub async fn wait_until(what: &str, timeout_ms: f64, done: impl FnMut() -> bool) {
    assert!(
        poll(timeout_ms, done).await,
        "timed out after {timeout_ms} ms waiting for {what}"
    );
}

/// A fresh `<div>` with a unique id, appended to `<body>`, sized 320x240 px.
pub fn container() -> HtmlElement {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let div: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    div.set_id(&format!("vm-test-container-{n}"));
    div.style().set_property("width", "320px").expect("style");
    div.style().set_property("height", "240px").expect("style");
    document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

/// An `<iframe>` showing `url`, appended to `parent`.
pub fn frame(parent: &Element, url: &str) -> HtmlIFrameElement {
    let iframe: HtmlIFrameElement = document()
        .create_element("iframe")
        .expect("iframe")
        .unchecked_into();
    iframe.set_src(url);
    parent.append_child(&iframe).expect("append");
    iframe
}

/// The iframe's window (`contentWindow`) as a JS value.
pub fn content_window(iframe: &HtmlIFrameElement) -> JsValue {
    iframe
        .content_window()
        .expect("the iframe has a window")
        .into()
}

/// The URL of the stand-in's poster page on `origin`: after `delay_ms` it
/// posts each element of the JSON array `messages` to its parent.
pub fn poster_url(origin: &str, messages: &str, delay_ms: u32) -> String {
    let encoded = String::from(js_sys::encode_uri_component(messages));
    format!("{origin}/__standin/post?messages={encoded}&delay={delay_ms}")
}

/// A plain object from `(key, value)` pairs.
pub fn object(props: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in props {
        Reflect::set(&obj, &JsValue::from_str(key), value).expect("set");
    }
    obj.into()
}

/// `JSON.parse(text)`.
pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_else(|e| panic!("bad JSON in a test: {text}: {e:?}"))
}

/// `JSON.stringify(value)`.
pub fn stringify(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .map(String::from)
        .unwrap_or_else(|_| "<unserialisable>".into())
}

/// JSON text as the browser re-serialises it (key order kept).
pub fn normalised(json_text: &str) -> String {
    stringify(&json(json_text))
}

/// A property of a JS value.
pub fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property")
}

/// A string property of a JS value (`None` when it is not a string).
pub fn prop_str(value: &JsValue, key: &str) -> Option<String> {
    prop(value, key).as_string()
}

/// The wasm memory size in bytes.
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer = memory.buffer();
    prop(&buffer, "byteLength").as_f64().expect("byteLength")
}

#[wasm_bindgen(inline_js = r#"
export function post_to_self(data) { window.postMessage(data, '*'); }

export function serializer(source) {
  // js/embed.js's own toJson, compiled in this page (its globals are the page's).
  return new Function(source + '\nreturn toJson;')();
}

export function install_error_counter() {
  if (window.__vmErrors) return;
  window.__vmErrors = [];
  window.addEventListener('error', (e) => {
    const message = e.error && e.error.message !== undefined ? e.error.message : String(e.message);
    window.__vmErrors.push(message);
    if (message.startsWith('vm-test:')) e.preventDefault();
  });
  window.addEventListener('unhandledrejection', (e) => { window.__vmErrors.push('unhandled rejection: ' + e.reason); });
}
export function page_errors() { return window.__vmErrors.slice(); }
"#)]
extern "C" {
    /// `window.postMessage(data, '*')` from the test page itself.
    pub fn post_to_self(data: &JsValue);
    /// Compiles `source` (from js/embed.js) and returns its `toJson`.
    fn serializer(source: &str) -> Function;
    /// Records uncaught errors on the page (those whose message starts with
    /// `vm-test:` are marked handled so they do not clutter the log).
    pub fn install_error_counter();
    /// The messages of the uncaught errors recorded so far.
    pub fn page_errors() -> Array;
}

/// Asserts that the page reported no uncaught error since `errors_before`
/// were counted (see [`install_error_counter`]).
pub fn assert_no_new_page_errors(errors_before: u32) {
    assert_eq!(
        page_errors().length(),
        errors_before,
        "nothing thrown: {:?}",
        page_errors()
    );
}

/// Removes an element when dropped (scratch containers).
pub struct Remove(pub Element);

impl Drop for Remove {
    fn drop(&mut self) {
        self.0.remove();
    }
}

// ---- Messages, verdicts and the test-side listener ----

pub const LEAVE: &str = "vivomeetingsLeaveCallEvent";
pub const JOINED: &str = r#"{"type":"vivomeetingsParticipantJoinedEvent","participant":"Ann"}"#;
pub const DONE: &str = r#"{"type":"test.done"}"#;

pub fn leave_json(reason: &str) -> String {
    format!(r#"{{"type":"{LEAVE}","reason":"{reason}"}}"#)
}

// ---- The verdicts and the test-side listener ----

/// What `check_message` answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 0: deliver as a message.
    Message,
    /// 1: deliver as a leave (and as a message).
    Leave,
    /// 2: reject (origin).
    Origin,
    /// 3: reject (source).
    Source,
    /// 4: reject (shape).
    Shape,
    /// Anything else: not a documented answer.
    Invalid(u8),
}

impl Verdict {
    pub fn of(n: u8) -> Verdict {
        match n {
            0 => Verdict::Message,
            1 => Verdict::Leave,
            2 => Verdict::Origin,
            3 => Verdict::Source,
            4 => Verdict::Shape,
            n => Verdict::Invalid(n),
        }
    }

    pub fn delivers(self) -> bool {
        matches!(self, Verdict::Message | Verdict::Leave)
    }
}

/// THE ONE CALL of the wasm export under test, made as the JS layer's
/// listener (js/embed.js, `Embed#receive`) makes it: the event's data as
/// JSON text written by js/embed.js's own serializer (`toJson`, taken from
/// that file's source, see [`to_json`]), and `check_message(pack([expected,
/// origin, trusted, fromFrame, json]))` (the wire of `core::wire`), its
/// answer read as a [`Verdict`]. Unlike the JS layer, the data is
/// serialized whatever the event claims, so the tests also prove that the
/// wasm refuses wrong origins and untrusted or foreign events by itself.
/// Every test goes through here: a change of the export is ported here only.
pub fn check(
    expected: &str,
    origin: &str,
    trusted: bool,
    from_frame: bool,
    data: &JsValue,
) -> Verdict {
    let json = to_json(data);
    let mut packed = String::new();
    for item in [Some(expected), Some(origin)] {
        pack_text(&mut packed, item);
    }
    packed.push(if trusted { '+' } else { '-' });
    packed.push(if from_frame { '+' } else { '-' });
    pack_text(&mut packed, json.as_deref());
    let answer = check_message(&packed);
    match answer.parse::<u8>() {
        Ok(n) => Verdict::of(n),
        Err(_) => Verdict::Invalid(u8::MAX),
    }
}

/// One packed string (`<UTF-16 length>:<text>`), or `-` for absent.
fn pack_text(out: &mut String, text: Option<&str>) {
    match text {
        Some(t) => {
            out.push_str(&t.encode_utf16().count().to_string());
            out.push(':');
            out.push_str(t);
        }
        None => out.push('-'),
    }
}

/// The source of js/embed.js, whose serializer the JS listener uses.
const EMBED_JS: &str = include_str!("../../js/embed.js");

/// `toJson(data)` of js/embed.js: the data as the JSON text the wasm gets,
/// or `None` (what JSON cannot carry faithfully, too deep, too large). The
/// function is js/embed.js's own: its source (from `const JSON_MAX` to the
/// `const quote` line) is evaluated in this page once.
pub fn to_json(data: &JsValue) -> Option<String> {
    thread_local!(static TO_JSON: Function = {
        let start = EMBED_JS
            .find("const JSON_MAX")
            .expect("js/embed.js defines `const JSON_MAX` before `toJson`: update browser_common::to_json");
        let quote = EMBED_JS[start..]
            .find("const quote")
            .expect("js/embed.js defines `const quote` after `toJson`: update browser_common::to_json");
        let end = EMBED_JS[start + quote..]
            .find('\n')
            .map_or(EMBED_JS.len(), |n| start + quote + n);
        let source = &EMBED_JS[start..end];
        assert!(source.contains("function toJson("), "js/embed.js has no toJson between JSON_MAX and quote");
        serializer(source)
    });
    TO_JSON.with(|f| {
        f.call1(&JsValue::UNDEFINED, data)
            .ok()
            .and_then(|v| v.as_string())
    })
}

/// One checked `message` event: the verdict, the event's origin, and for a
/// delivered one its data as JSON (empty for a rejected one).
#[derive(Debug, Clone, PartialEq)]
pub struct Got {
    pub verdict: Verdict,
    pub origin: String,
    pub data: String,
}

impl Got {
    pub fn delivered(verdict: Verdict, data_json: &str) -> Got {
        Got {
            verdict,
            origin: String::new(),
            data: normalised(data_json),
        }
    }

    pub fn leave(data_json: &str) -> Got {
        Got::delivered(Verdict::Leave, data_json)
    }

    pub fn message(data_json: &str) -> Got {
        Got::delivered(Verdict::Message, data_json)
    }

    pub fn rejected(verdict: Verdict, origin: &str) -> Got {
        Got {
            verdict,
            origin: origin.to_owned(),
            data: String::new(),
        }
    }
}

pub type Log = Rc<RefCell<Vec<Got>>>;

/// More checked events than any test expects.
pub const LOG_CAP: usize = 2000;

/// A `message` listener on `window` for one iframe and one expected origin,
/// as the JS layer's: each event goes to [`check`], and the answer is
/// logged. Removed from `window` when dropped.
pub struct Checker {
    closure: Closure<dyn FnMut(MessageEvent)>,
    pub log: Log,
}

impl Checker {
    pub fn new(iframe: &HtmlIFrameElement, expected: &str) -> Checker {
        let log: Log = Rc::default();
        let sink = log.clone();
        let iframe = iframe.clone();
        let expected = expected.to_owned();
        let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let origin = event.origin();
            let trusted = event.is_trusted();
            // Not anded with `trusted` (the JS layer does): the wasm must
            // refuse untrusted events by itself.
            let from_frame = match (event.source(), iframe.content_window()) {
                (Some(source), Some(frame)) => JsValue::from(source) == JsValue::from(frame),
                _ => false,
            };
            let data = event.data();
            let verdict = check(&expected, &origin, trusted, from_frame, &data);
            let got = if verdict.delivers() {
                Got {
                    verdict,
                    origin: String::new(),
                    data: stringify(&data),
                }
            } else {
                Got {
                    verdict,
                    origin,
                    data: String::new(),
                }
            };
            // Capped, so a listener leaked by a failed test cannot grow
            // memory in the tests that run after it.
            let mut log = sink.borrow_mut();
            if log.len() < LOG_CAP {
                log.push(got);
            }
        });
        window()
            .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
            .expect("addEventListener");
        Checker { closure, log }
    }

    pub fn len(&self) -> usize {
        self.log.borrow().len()
    }

    pub fn last(&self) -> Option<Got> {
        self.log.borrow().last().cloned()
    }

    /// Waits until `n` events were checked, then a little longer to be sure
    /// no more arrive, and returns them.
    pub async fn settle(&self, n: usize) -> Vec<Got> {
        wait_until(&format!("{n} messages"), 8000.0, || self.len() >= n).await;
        sleep(150).await;
        let got = self.log.borrow().clone();
        assert_eq!(got.len(), n, "exactly {n} messages: {got:#?}");
        got
    }

    /// [`dispatch`]es a message event and returns what was logged for it.
    pub fn dispatch(&self, origin: &str, source: Option<&JsValue>, data: &JsValue) -> Option<Got> {
        let before = self.len();
        dispatch(origin, source, data);
        assert_eq!(self.len(), before + 1, "one check per dispatched event");
        self.last()
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        let _ = window()
            .remove_event_listener_with_callback("message", self.closure.as_ref().unchecked_ref());
    }
}

/// Mounts the stand-in's poster page on `poster_origin`, posting the JSON
/// array `messages` to this page, and returns the `n` checks (see
/// [`Checker::settle`]) of a listener for the platform's origin on that frame.
pub async fn poster_checks(poster_origin: &str, messages: &str, n: usize) -> Vec<Got> {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let iframe = frame(&c, &poster_url(poster_origin, messages, 0));
    let checker = Checker::new(&iframe, &platform());
    checker.settle(n).await
}

/// `[m1,m2,…]` from JSON texts.
pub fn json_array<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    format!("[{}]", items.join(","))
}

/// Posts each row's message from the platform's poster frame, then `DONE`;
/// checks that each row got `Shape` and that the listener still works.
pub async fn assert_posted_rows_are_shape(table: &[(&str, String)]) {
    let mut messages: Vec<&str> = table.iter().map(|(_, m)| m.as_str()).collect();
    messages.push(DONE);
    let got = poster_checks(&platform(), &json_array(&messages), messages.len()).await;
    let shape = Got::rejected(Verdict::Shape, &platform());
    let wrong: Vec<String> = table
        .iter()
        .zip(&got)
        .filter(|(_, got)| **got != shape)
        .map(|((what, _), got)| format!("{what}: {got:?}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} rows were not rejected as shape:\n{}",
        wrong.len(),
        table.len(),
        wrong
            .iter()
            .map(|w| w.chars().take(200).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        got[table.len()],
        Got::message(DONE),
        "the listener still works"
    );
}

/// Posts each row's JS expression, built in an `about:blank` child frame's
/// own realm, then `DONE`; checks that each row got its verdict and that the
/// listener still works, and returns what arrived (the rows', then `DONE`'s).
pub async fn assert_built_rows_get_their_verdicts(table: &[(&str, Verdict)]) -> Vec<Got> {
    let (_cleanup, iframe, _) = blank_frame();
    let checker = Checker::new(&iframe, &page_origin());
    for (expr, _) in table {
        post_built_in_child(&iframe, expr);
    }
    post_from_child(&iframe, &json(DONE));
    let got = checker.settle(table.len() + 1).await;
    let wrong: Vec<String> = table
        .iter()
        .zip(&got)
        .filter(|((_, want), got)| got.verdict != *want)
        .map(|((expr, want), got)| {
            let got: String = format!("{got:?}").chars().take(120).collect();
            format!("{expr}: want {want:?}, got {got}")
        })
        .collect();
    assert!(wrong.is_empty(), "wrong verdicts:\n{}", wrong.join("\n"));
    assert_eq!(
        got[table.len()],
        Got::message(DONE),
        "the listener still works"
    );
    got
}

/// An `about:blank` iframe in a scratch container, and its window. The
/// container (`.0` of the [`Remove`]) is removed when the guard drops.
pub fn blank_frame() -> (Remove, HtmlIFrameElement, JsValue) {
    let c = container();
    let cleanup = Remove(c.clone().into());
    let iframe = frame(&c, "about:blank");
    let source = content_window(&iframe);
    (cleanup, iframe, source)
}

/// Dispatches a synthetic `message` event on `window`, as a script on the
/// page could, with any `origin`, `source` and `data`. It is never
/// trusted: with the right origin it is rejected as `source`.
pub fn dispatch(origin: &str, source: Option<&JsValue>, data: &JsValue) {
    let init = MessageEventInit::new();
    init.set_origin(origin);
    init.set_data(data);
    init.set_source(source.map(|s| s.unchecked_ref::<Object>()));
    let event = MessageEvent::new_with_event_init_dict("message", &init).expect("MessageEvent");
    window().dispatch_event(&event).expect("dispatchEvent");
}

#[wasm_bindgen(inline_js = r#"
export function post_from_child(iframe, data) {
  // A function of the frame's own realm: the browser makes the frame's
  // window the source (and its origin, the page's, the origin).
  iframe.contentWindow.Function('data', 'parent.postMessage(data, "*")')(data);
}
export function post_built_in_child(iframe, expr) {
  // Builds the value in the frame's realm, then posts it from there.
  const w = iframe.contentWindow;
  const value = w.Function('LEAVE', 'return (' + expr + ');')('vivomeetingsLeaveCallEvent');
  w.Function('data', 'parent.postMessage(data, "*")')(value);
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
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, {});
    revoke();
    return proxy;
  };
  const boom = () => { throw new Error('vm-test: trap'); };
  const traps = (target) => new Proxy(target, { get: boom, ownKeys: boom, getPrototypeOf: boom, has: boom, getOwnPropertyDescriptor: boom });
  const leave = () => ({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' });
  const lying = new Proxy(leave(), { get: (t, k) => k === 'length' ? 1e300 : t[k], ownKeys: () => { const keys = []; for (let i = 0; i < 100000; i++) keys.push('k' + i); return keys; }, getOwnPropertyDescriptor: () => ({ value: 0, enumerable: true, configurable: true }) });
  const endless = new Proxy({}, { get: () => endless, ownKeys: () => ['type', 'reason', 'a'], getOwnPropertyDescriptor: () => ({ value: 0, enumerable: true, configurable: true }) });
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
    ['a revoked Proxy', revoked()],
    ['a Proxy whose traps throw', traps(leave())],
    ['an array Proxy whose traps throw', traps(['vivomeetingsLeaveCallEvent'])],
    ['a leave whose reason is a Proxy whose traps throw', { type: 'vivomeetingsLeaveCallEvent', reason: traps({}) }],
    ['a leave with a revoked Proxy inside', { type: 'vivomeetingsLeaveCallEvent', reason: 'left', x: revoked() }],
    ['a Proxy lying about its keys and length', lying, false, true],
    ['a Proxy that is its own every property', endless],
    ['a cycle', cyclic],
    ['a shared subtree 5000 times', { type: 'x', dag }, true, true],
    ['70000 keys', wideObject, false, true],
    ['a huge sparse array', { type: 'vivomeetingsLeaveCallEvent', reason: 'left', list: sparse }],
    ['a message over 64 KiB', { type: 'vivomeetingsParticipantJoinedEvent', pad: 'x'.repeat(70000) }, true],
  ];
}

const NAMES = ['keys', 'get', 'getPrototypeOf'];
function holder(name) { return name === 'get' ? Reflect : Object; }
export function replace_globals(which) {
  // Replaces Object.keys / Reflect.get / Object.getPrototypeOf (those in
  // `which`) with functions that throw; returns how to restore them.
  const saved = [];
  for (const name of which) {
    if (!NAMES.includes(name)) throw new Error('unknown global ' + name);
    const target = holder(name);
    saved.push([target, name, target[name]]);
    target[name] = function () { throw new TypeError('vm-test: ' + name + ' replaced by the page'); };
  }
  return () => { for (const [target, name, fn] of saved) target[name] = fn; };
}
export function globals_intact() {
  return Object.keys.name === 'keys' && Reflect.get.name === 'get' && Object.getPrototypeOf.name === 'getPrototypeOf';
}
"#)]
extern "C" {
    /// A real, trusted `postMessage` of `data` to this page from the
    /// same-origin (`about:blank`) `iframe`: origin the page's, source the frame.
    pub fn post_from_child(iframe: &HtmlIFrameElement, data: &JsValue);
    /// Like [`post_from_child`], with the value of the JS expression `expr`
    /// built in the frame's own realm (`LEAVE` is the leave type).
    pub fn post_built_in_child(iframe: &HtmlIFrameElement, expr: &str);
    /// Dispatches an instance of a `MessageEvent` subclass whose prototype
    /// says `isTrusted` is true.
    pub fn dispatch_claiming_trust(origin: &str, source: &JsValue, data: &JsValue);
    /// Describes each message `iframe`'s window posts (`seen`, strings)
    /// until `stop()`.
    pub fn describe_posts(iframe: &HtmlIFrameElement) -> JsValue;
    /// `[name, value, strings?, large?]` rows of values no frame can post (or only
    /// with effort): functions, symbols, throwing getters, Proxies…
    /// `strings`: too large only by its strings' lengths; `large`: slow to walk.
    pub fn unclonable_values() -> Array;
    /// Replaces the named globals (`keys`, `get`, `getPrototypeOf`) with
    /// throwing functions; returns the function that restores them.
    pub fn replace_globals(which: &Array) -> Function;
    /// Whether `Object.keys`, `Reflect.get` and `Object.getPrototypeOf` are the
    /// browser's own again.
    pub fn globals_intact() -> bool;
}
