//! The browser layer: iframes, sign-in forms and message listeners, through
//! `web-sys`. Rust front-ends (Yew, Leptos, …) can use it directly; the JS
//! API is a thin layer on top of it.

mod data;
mod frame;
mod listener;
mod sso;

pub use frame::{mount, resolve_container, Container, FrameKind, FrameOptions};
pub use listener::{Delivery, MessageListener};
pub use sso::{sign_in_form, submit_sign_in};

use crate::core::{Error, ErrorCode};
use wasm_bindgen::{JsCast, JsValue};

// In the runtime module, not an `inline_js` snippet of its own: with one more
// snippet module, wasm-bindgen-test-runner's page load hung in about a third
// of the browser_events runs (never without it, in 39 runs).
#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    /// `window`, read directly: `web_sys::window()` goes through
    /// `js_sys::global()`, whose four fallbacks cost ~1 KB of wasm and glue.
    #[wasm_bindgen(js_name = pageWindow)]
    fn page_window() -> Option<web_sys::Window>;
}

// DOM calls that cannot throw with the arguments this layer gives them: its
// own constant tag, attribute and CSS property names, and a new element
// appended to another new one. Imported without `catch`, they need no error
// path. (Calls that take the partner's element or can fail keep web-sys's
// `catch` bindings.)
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A document, element or style declaration, for the calls below.
    type Dom;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Dom, tag: &str) -> web_sys::Element;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &Dom, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = appendChild)]
    fn append_child(this: &Dom, child: &web_sys::Element);
    #[wasm_bindgen(method, js_name = setProperty)]
    fn set_property(this: &Dom, name: &str, value: &str);
}

/// [`Dom`]'s calls on any DOM object.
fn dom(value: &impl AsRef<JsValue>) -> &Dom {
    value.as_ref().unchecked_ref()
}

/// `element.setAttribute(name, value)` for a constant attribute name.
pub(crate) fn set_attribute(element: &web_sys::Element, name: &str, value: &str) {
    dom(element).set_attribute(name, value);
}

/// `parent.appendChild(child)` for a new child of a new parent.
pub(crate) fn append_new(parent: &web_sys::Element, child: &web_sys::Element) {
    dom(parent).append_child(child);
}

/// `style.setProperty(name, value)` (it ignores values it cannot parse).
pub(crate) fn set_style(style: &web_sys::CssStyleDeclaration, name: &str, value: &str) {
    dom(style).set_property(name, value);
}

/// A new `<tag>` element of the page's document, with these attributes.
pub(crate) fn element(tag: &str, attributes: &[(&str, &str)]) -> Result<web_sys::Element, Error> {
    let element = dom(&document()?).create_element(tag);
    for (name, value) in attributes {
        set_attribute(&element, name, value);
    }
    Ok(element)
}

/// The page's window, or `None` where there is none (a worker, Node).
pub(crate) fn window() -> Option<web_sys::Window> {
    page_window()
}

/// The page's document, or `dom_error` where there is none (a worker, Node).
pub(crate) fn document() -> Result<web_sys::Document, Error> {
    window()
        .and_then(|w| w.document())
        .ok_or_else(|| Error::new(ErrorCode::DomError, "", "no document (not a web page)"))
}

/// Maps a failed DOM call to `dom_error`, keeping the browser's message.
pub(crate) fn dom_error(what: &str, err: &JsValue) -> Error {
    let detail = js_sys::Error::from(err.clone()).message();
    let mut msg = String::from(what);
    msg.push_str(" failed: ");
    msg.push_str(&String::from(detail));
    Error::new(ErrorCode::DomError, "", &msg)
}
