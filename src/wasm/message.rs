//! [`MessageData`] for values received through `postMessage`.
//!
//! Only the data of a trusted `message` event reaches here: a structured
//! clone made by the browser, so it holds no getters, Proxies or functions.
//! Every JS function used is still imported with `catch`, so that even a
//! page that replaced `Object.keys` cannot make an exception unwind through
//! the wasm: a failed call reads as "nothing there", which the shape check
//! rejects or ignores.

use crate::core::event::{Kind, MessageData};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Vec<JsValue>, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// A received value; keys are kept as JS values until they are asked for.
pub(crate) struct Received(pub JsValue);

impl Received {
    /// A string's or an array's `length`.
    fn length(&self) -> usize {
        get(&self.0, &JsValue::from_str("length"))
            .ok()
            .and_then(|n| n.as_f64())
            .map_or(0, |n| n as usize)
    }
}

impl MessageData for Received {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.is_string() {
            Kind::String
        } else if v.as_bool().is_some() || v.as_f64().is_some() {
            Kind::Scalar
        } else if is_array(v).unwrap_or(false) {
            Kind::Array
        } else if v.is_object() && is_plain_object(v) {
            Kind::Object
        } else {
            Kind::Other
        }
    }

    fn str_len(&self) -> usize {
        if self.0.is_string() {
            self.length()
        } else {
            0
        }
    }

    fn as_string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn len(&self) -> usize {
        if is_array(&self.0).unwrap_or(false) {
            self.length()
        } else {
            object_keys(&self.0).map_or(0, |keys| keys.len())
        }
    }

    fn keys(&self, limit: usize) -> Vec<Received> {
        // Object.keys gives an array's indices too, as strings.
        object_keys(&self.0).map_or_else(
            |_| Vec::new(),
            |keys| keys.into_iter().take(limit).map(Received).collect(),
        )
    }

    fn get(&self, key: &Received) -> Received {
        Received(get(&self.0, &key.0).unwrap_or(JsValue::UNDEFINED))
    }
}

/// Structured clone turns posted objects into plain objects (prototype
/// `Object.prototype`, or `null`); anything else (a Date, a Blob, a Map) is
/// not a message. Every object that reaches here was deserialized into this
/// realm, so "its prototype has no prototype" picks out exactly those.
fn is_plain_object(v: &JsValue) -> bool {
    match prototype_of(v) {
        Ok(proto) => proto.is_null() || prototype_of(&proto).is_ok_and(|p| p.is_null()),
        Err(_) => false,
    }
}
