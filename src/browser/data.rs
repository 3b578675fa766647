//! [`MessageData`] for values received through `postMessage`.

use crate::core::event::{Kind, MessageData};
use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A received value; keys are kept as JS strings until they are asked for.
pub(crate) struct Received(pub JsValue);

impl MessageData for Received {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.is_string() {
            Kind::String
        } else if v.as_bool().is_some() || v.as_f64().is_some() {
            Kind::Scalar
        } else if Array::is_array(v) {
            Kind::Array
        } else if v.is_object() && is_plain_object(v) {
            Kind::Object
        } else {
            Kind::Other
        }
    }

    fn str_len(&self) -> usize {
        self.0
            .dyn_ref::<JsString>()
            .map_or(0, |s| s.length() as usize)
    }

    fn as_string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn len(&self) -> usize {
        match self.0.dyn_ref::<Array>() {
            Some(a) => a.length() as usize,
            None => self
                .0
                .dyn_ref::<Object>()
                .map_or(0, |o| Object::keys(o).length() as usize),
        }
    }

    fn keys(&self, limit: usize) -> Vec<Received> {
        // Object.keys gives an array's indices too, as strings.
        match self.0.dyn_ref::<Object>() {
            Some(o) => Object::keys(o).iter().take(limit).map(Received).collect(),
            None => Vec::new(),
        }
    }

    fn get(&self, key: &Received) -> Received {
        Received(Reflect::get(&self.0, &key.0).unwrap_or(JsValue::UNDEFINED))
    }
}

/// Structured clone turns posted objects into plain objects (prototype
/// `Object.prototype`, or `null`); anything else (a Date, a Blob, a Map) is
/// not a message. Every object that reaches here was deserialized into this
/// realm, so "its prototype has no prototype" picks out exactly those.
fn is_plain_object(v: &JsValue) -> bool {
    let proto = Object::get_prototype_of(v);
    proto.is_null() || Object::get_prototype_of(&proto).is_null()
}
