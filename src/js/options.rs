//! Reading JS options objects, strictly: unknown keys and wrong types are
//! errors that name the field. `undefined` means "not given".
//!
//! This is hand-written over `js-sys` rather than serde: it names the
//! offending field in every type error and keeps serde's and `core::fmt`'s
//! code out of the wasm file.

use crate::core::{Error, ErrorCode};
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

// The operations here that run partner code (getters, Proxy traps) are
// imported with `catch`: an exception must come back as an error, never
// unwind through the wasm (which would leave its stack pointer behind and,
// after a few hundred times, break the instance).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
    /// JS's own `String(value)`, for a boolean or a number (it cannot throw on those).
    #[wasm_bindgen(js_name = String)]
    fn number_text(value: &JsValue) -> String;
}

/// `invalid_option` for a value whose getters or Proxy traps threw.
fn unreadable(field: &str) -> Error {
    Error::new(
        ErrorCode::InvalidOption,
        field,
        "could not be read (a getter or Proxy threw)",
    )
}

/// Whether `value` is a plain options object: an object, not an array or a function.
fn is_object(value: &JsValue, field: &str) -> Result<bool, Error> {
    Ok(value.is_object()
        && !value.is_function()
        && !is_array(value).map_err(|_| unreadable(field))?)
}

/// An options object whose keys have been checked against a known list.
pub(crate) struct Options {
    obj: JsValue,
}

/// `invalid_option`: "<field>: must be <expected> (got <what the value is>)".
fn wrong(field: &str, expected: &str, got: &JsValue) -> Error {
    let mut detail = String::from("must be ");
    detail.push_str(expected);
    match got.as_string() {
        Some(s) => return Error::with_value(ErrorCode::InvalidOption, field, &detail, &s),
        None => {
            detail.push_str(" (got ");
            detail.push_str(if got.is_null() {
                "null"
            } else if is_array(got).unwrap_or(false) {
                "an array"
            } else if let Some(b) = got.as_bool() {
                if b {
                    "true"
                } else {
                    "false"
                }
            } else if got.as_f64().is_some() {
                "a number"
            } else if got.is_function() {
                "a function"
            } else if got.is_object() {
                "an object"
            } else {
                "another type"
            });
            detail.push(')');
        }
    }
    Error::new(ErrorCode::InvalidOption, field, &detail)
}

impl Options {
    /// Checks that `value` is a plain object whose keys are all in `known`.
    pub(crate) fn read(value: &JsValue, what: &str, known: &[&str]) -> Result<Options, Error> {
        if !is_object(value, what)? {
            return Err(wrong(what, "an options object", value));
        }
        for key in object_keys(value).map_err(|_| unreadable(what))?.iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                let mut detail = String::from("is not an option here; expected one of: ");
                for (i, k) in known.iter().enumerate() {
                    if i > 0 {
                        detail.push_str(", ");
                    }
                    detail.push_str(k);
                }
                return Err(Error::new(ErrorCode::InvalidOption, &key, &detail));
            }
        }
        Ok(Options { obj: value.clone() })
    }

    /// The raw value, or `None` when absent or `undefined`.
    pub(crate) fn get(&self, key: &str) -> Result<Option<JsValue>, Error> {
        let value =
            Reflect::get(&self.obj, &JsValue::from_str(key)).map_err(|_| unreadable(key))?;
        Ok((!value.is_undefined()).then_some(value))
    }

    /// A string option.
    pub(crate) fn string(&self, key: &str) -> Result<Option<String>, Error> {
        self.get(key)?
            .map(|v| v.as_string().ok_or_else(|| wrong(key, "a string", &v)))
            .transpose()
    }

    /// A required string option.
    pub(crate) fn required_string(&self, key: &str) -> Result<String, Error> {
        self.string(key)?
            .ok_or_else(|| Error::new(ErrorCode::InvalidOption, key, "is required"))
    }

    /// A boolean option; absent is `false`.
    pub(crate) fn flag(&self, key: &str) -> Result<bool, Error> {
        match self.get(key)? {
            None => Ok(false),
            Some(v) => v.as_bool().ok_or_else(|| wrong(key, "true or false", &v)),
        }
    }

    /// A function option.
    pub(crate) fn function(&self, key: &str) -> Result<Option<Function>, Error> {
        self.get(key)?
            .map(|v| {
                v.dyn_into::<Function>()
                    .map_err(|v| wrong(key, "a function", &v))
            })
            .transpose()
    }

    /// An array of strings.
    pub(crate) fn strings(&self, key: &str) -> Result<Option<Vec<String>>, Error> {
        let Some(v) = self.get(key)? else {
            return Ok(None);
        };
        if !is_array(&v).map_err(|_| unreadable(key))? {
            return Err(wrong(key, "an array of strings", &v));
        }
        let mut out = Vec::new();
        for item in array_from(&v).map_err(|_| unreadable(key))?.iter() {
            out.push(
                item.as_string()
                    .ok_or_else(|| wrong(key, "an array of strings", &item))?,
            );
        }
        Ok(Some(out))
    }

    /// A string or a non-negative safe integer, as text (access codes, host ids).
    pub(crate) fn string_or_integer(
        &self,
        key: &str,
        error: ErrorCode,
    ) -> Result<Option<String>, Error> {
        let Some(v) = self.get(key)? else {
            return Ok(None);
        };
        if let Some(s) = v.as_string() {
            return Ok(Some(s));
        }
        match v.as_f64() {
            Some(n) if (0.0..=9_007_199_254_740_991.0).contains(&n) && n.fract() == 0.0 => {
                Ok(Some(number_text(&v)))
            }
            _ => Err(Error::new(
                error,
                key,
                "must be a string or a non-negative integer",
            )),
        }
    }

    /// A map of pass-through parameters: string, number or boolean values, in insertion order.
    pub(crate) fn params(&self, key: &str) -> Result<Vec<(String, String)>, Error> {
        let Some(v) = self.get(key)? else {
            return Ok(Vec::new());
        };
        if !is_object(&v, key)? {
            return Err(wrong(
                key,
                "an object of string, number or boolean values",
                &v,
            ));
        }
        let mut out = Vec::new();
        for entry in object_entries(&v).map_err(|_| unreadable(key))?.iter() {
            let entry: Array = entry.unchecked_into();
            let name = entry.get(0).as_string().unwrap_or_default();
            let value = entry.get(1);
            let text = if let Some(s) = value.as_string() {
                s
            } else if value.as_f64().is_some_and(f64::is_finite) || value.as_bool().is_some() {
                number_text(&value)
            } else {
                let mut field = String::from(key);
                field.push('.');
                field.push_str(&name);
                return Err(wrong(
                    &field,
                    "a string, a finite number or a boolean",
                    &value,
                ));
            };
            out.push((name, text));
        }
        Ok(out)
    }
}
