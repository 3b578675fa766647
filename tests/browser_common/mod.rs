//! Helpers shared by the browser test files (`tests/browser_*.rs`): the
//! stand-in's origins, sleeping and polling, scratch containers, poster
//! URLs, a counter of `message` listeners on `window`, and recorders for JS
//! callbacks.
//!
//! Run the browser tests through `make test-browser`, which starts the
//! platform stand-in and sets `VIVO_PLATFORM` and `VIVO_APP` at compile time.

#![allow(dead_code)]

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlElement, Window};

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

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timer");
}

/// Polls `done` every 10 ms until it holds; panics with `what` after `timeout_ms`.
pub async fn wait_until(what: &str, timeout_ms: f64, mut done: impl FnMut() -> bool) {
    let start = js_sys::Date::now();
    while !done() {
        assert!(
            js_sys::Date::now() - start < timeout_ms,
            "timed out after {timeout_ms} ms waiting for {what}"
        );
        sleep(10).await;
    }
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

/// The element's children, in order.
pub fn children(el: &Element) -> Vec<Element> {
    let list = el.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Every `<iframe>` and `<form>` in the document.
pub fn frames_and_forms() -> u32 {
    document()
        .query_selector_all("iframe, form")
        .expect("selector")
        .length()
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

/// A property of a JS value.
pub fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("property")
}

/// A string property of a JS value (`None` when it is not a string).
pub fn prop_str(value: &JsValue, key: &str) -> Option<String> {
    prop(value, key).as_string()
}

/// Checks a thrown JS API error: a `VivoMeetingsError` (an `Error`) with this `code`.
pub fn assert_vivo_error(err: &JsValue, code: &str, context: &str) {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "{context}: not an Error: {err:?}"
    );
    assert_eq!(
        prop_str(err, "name").as_deref(),
        Some("VivoMeetingsError"),
        "{context}"
    );
    assert_eq!(
        prop_str(err, "code").as_deref(),
        Some(code),
        "{context}: {:?}",
        prop_str(err, "message")
    );
    let message = prop_str(err, "message").unwrap_or_default();
    assert!(!message.is_empty(), "{context}: empty message");
}

/// `GET url` (CORS) and its body parsed as JSON.
pub async fn fetch_json(url: &str) -> JsValue {
    let text = JsFuture::from(fetch_text(url)).await.expect("fetch");
    json(&text.as_string().expect("text"))
}

/// The wasm memory size in bytes.
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer = memory.buffer();
    prop(&buffer, "byteLength").as_f64().expect("byteLength")
}

#[wasm_bindgen(inline_js = r#"
export function install_listener_counter() {
  if (window.__vmListenerCounter) return;
  const counter = { live: [], adds: 0, removes: 0 };
  const capture = (options) => typeof options === 'boolean' ? options : !!(options && options.capture);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (this === window && type === 'message' && fn) {
      const cap = capture(options);
      if (!counter.live.some((l) => l.fn === fn && l.cap === cap)) {
        counter.live.push({ fn, cap });
        counter.adds++;
      }
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (this === window && type === 'message') {
      const cap = capture(options);
      const at = counter.live.findIndex((l) => l.fn === fn && l.cap === cap);
      if (at >= 0) {
        counter.live.splice(at, 1);
        counter.removes++;
      }
    }
    return remove.call(this, type, fn, options);
  };
  window.__vmListenerCounter = counter;
}
export function message_listeners() { return window.__vmListenerCounter.live.length; }
export function message_listener_adds() { return window.__vmListenerCounter.adds; }

export function recorder() {
  const calls = [];
  const fn = function (event) { calls.push(event); };
  fn.calls = calls;
  return fn;
}
export function recorded(fn) { return fn.calls; }
export function thrower(message) {
  return function () { throw new Error(message); };
}

export function fetch_text(url) {
  return fetch(url, { cache: 'no-store' }).then((r) => r.text());
}

export function post_to_self(data) { window.postMessage(data, '*'); }

export function call_method(obj, name, args) { return obj[name](...args); }

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
    /// Wraps `EventTarget.prototype.add/removeEventListener` to track the
    /// live `message` listeners on `window` (installed once per page; only
    /// listeners added after it are seen).
    pub fn install_listener_counter();
    /// How many tracked `message` listeners are on `window` now.
    pub fn message_listeners() -> u32;
    /// How many `message` listeners were ever added to `window` since install.
    pub fn message_listener_adds() -> u32;
    /// A JS function that records its argument; read with [`recorded`].
    pub fn recorder() -> js_sys::Function;
    /// The arguments a [`recorder`] received so far.
    pub fn recorded(f: &js_sys::Function) -> Array;
    /// A JS function that throws `Error(message)`.
    pub fn thrower(message: &str) -> js_sys::Function;
    fn fetch_text(url: &str) -> Promise;
    /// `window.postMessage(data, '*')` from the test page itself.
    pub fn post_to_self(data: &JsValue);
    /// `obj[name](...args)`, as a JS caller of the public API would do it.
    #[wasm_bindgen(catch)]
    fn call_method(obj: &JsValue, name: &str, args: &Array) -> Result<JsValue, JsValue>;
    /// Records uncaught errors on the page (those whose message starts with
    /// `vm-test:` are marked handled so they do not clutter the log).
    pub fn install_error_counter();
    /// The messages of the uncaught errors recorded so far.
    pub fn page_errors() -> Array;
}

/// `obj.name(...args)` through JS: calls the public JS API exactly as a
/// partner's script would (argument conversion, thrown errors).
pub fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    call_method(obj, name, &args.iter().collect::<Array>())
}

/// Removes an element when dropped (scratch containers).
pub struct Remove(pub Element);

impl Drop for Remove {
    fn drop(&mut self) {
        self.0.remove();
    }
}
