//! The `message` listener of an embed: it delivers only what its own iframe
//! posted from the platform's origin.

use super::data::Received;
use crate::core::event::{parse_message, MeetingEvent, Rejection};
use gloo_events::EventListener;
use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent};

/// What the listener hands its callback for each `message` event on `window`.
pub enum Delivery<'a> {
    /// A well-formed message from the embed's own iframe on the platform's origin.
    Accepted {
        /// The parsed event.
        event: MeetingEvent,
        /// The data as received.
        data: &'a JsValue,
    },
    /// A message that failed a check and was dropped.
    Rejected {
        /// Which check failed.
        reason: Rejection,
        /// The sender's origin as the browser reported it.
        origin: String,
    },
}

/// A `message` listener on `window`, removed when this value is dropped.
pub struct MessageListener {
    _listener: EventListener,
}

impl MessageListener {
    /// Listens for messages that come from `iframe`'s window AND from exactly
    /// `origin` (compared byte for byte with `MessageEvent.origin`, so
    /// lookalikes such as `https://acme.vivomeetings.com.evil.io`, another
    /// scheme or port, or `null` never pass), delivered by the browser itself
    /// (`isTrusted`): a synthetic `MessageEvent` dispatched by a script is
    /// rejected as `source`, whatever `origin` and `source` it claims.
    pub fn new(
        iframe: HtmlIFrameElement,
        origin: String,
        mut callback: impl FnMut(Delivery<'_>) + 'static,
    ) -> Option<MessageListener> {
        let window = super::window()?;
        let listener = EventListener::new(&window, "message", move |event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let sender = event.origin();
            let delivery = if sender != origin {
                Delivery::Rejected {
                    reason: Rejection::Origin,
                    origin: sender,
                }
            } else if !event.is_trusted() || !from_frame(event, &iframe) {
                // An untrusted event was dispatched by a script (a page or
                // extension script can set any `origin` and `source`); only
                // the browser's own postMessage delivery counts.
                Delivery::Rejected {
                    reason: Rejection::Source,
                    origin: sender,
                }
            } else {
                let data = event.data();
                match parse_message(&Received(data.clone())) {
                    Ok(parsed) => {
                        return callback(Delivery::Accepted {
                            event: parsed,
                            data: &data,
                        })
                    }
                    Err(reason) => Delivery::Rejected {
                        reason,
                        origin: sender,
                    },
                }
            };
            callback(delivery);
        });
        Some(MessageListener {
            _listener: listener,
        })
    }
}

/// Whether the event's `source` is the iframe's own window proxy.
fn from_frame(event: &MessageEvent, iframe: &HtmlIFrameElement) -> bool {
    match (event.source(), iframe.content_window()) {
        (Some(source), Some(frame)) => Object::is(&source, &JsValue::from(frame)),
        _ => false,
    }
}
