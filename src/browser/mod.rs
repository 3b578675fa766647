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
use wasm_bindgen::JsValue;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `window`, read directly: `web_sys::window()` goes through
    /// `js_sys::global()`, whose four fallbacks cost ~1 KB of wasm and glue.
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<web_sys::Window>;
}

/// The page's window, or `None` where there is none (a worker, Node).
pub(crate) fn window() -> Option<web_sys::Window> {
    WINDOW.with(Option::clone)
}

/// The page's document, or `dom_error` where there is none (a worker, Node).
pub(crate) fn document() -> Result<web_sys::Document, Error> {
    window().and_then(|w| w.document()).ok_or_else(|| {
        Error::new(
            ErrorCode::DomError,
            "",
            "no document: this must run on a web page",
        )
    })
}

/// Maps a failed DOM call to `dom_error`, keeping the browser's message.
pub(crate) fn dom_error(what: &str, err: &JsValue) -> Error {
    let detail = js_sys::Error::from(err.clone()).message();
    let mut msg = String::from(what);
    msg.push_str(" failed: ");
    msg.push_str(&String::from(detail));
    Error::new(ErrorCode::DomError, "", &msg)
}
