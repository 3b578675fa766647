//! `Serialize` and `Deserialize` for [`Json`] (the `serde` feature).
//!
//! A deserialized value obeys the same bounds as a parsed one: it is checked
//! by writing it as JSON text and parsing that text back.

use super::{parse_str, Json, Number};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

impl Serialize for Json {
    /// Numbers go out as `u64` or `i64` when written as integers in range,
    /// else as `f64`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => serialize_number(n, s),
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn serialize_number<S: Serializer>(n: &Number, s: S) -> Result<S::Ok, S::Error> {
    let text = n.as_str();
    let integer = !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
    if integer {
        if let Ok(v) = text.parse::<u64>() {
            return s.serialize_u64(v);
        }
        if let Ok(v) = text.parse::<i64>() {
            return s.serialize_i64(v);
        }
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => s.serialize_f64(v),
        _ => Err(serde::ser::Error::custom("number out of range")),
    }
}

impl<'de> Deserialize<'de> for Json {
    /// Refuses what [`super::parse`] refuses: over 64 KiB once written as
    /// JSON, nested over 32 levels, forbidden or duplicate keys, non-finite numbers.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        let value = d.deserialize_any(JsonVisitor)?;
        parse_str(&value.to_json()).map_err(de::Error::custom)
    }
}

/// A value deserialized without the checks, for the members of one that
/// is checked as a whole.
struct Unchecked(Json);

impl<'de> Deserialize<'de> for Unchecked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Unchecked, D::Error> {
        d.deserialize_any(JsonVisitor).map(Unchecked)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(Number::from_u64(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        let mut n = Number::from_u64(v.unsigned_abs());
        if v < 0 {
            n.0.insert(0, '-');
        }
        Ok(Json::Number(n))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        if !v.is_finite() {
            return Err(E::custom("number is not finite"));
        }
        // Display writes the shortest text that reads back as `v`, in
        // plain decimal notation, which is a valid JSON number.
        Number::parse(&v.to_string())
            .map(Json::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(Unchecked(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some((k, Unchecked(v))) = map.next_entry::<String, Unchecked>()? {
            members.push((k, v));
        }
        Ok(Json::Object(members))
    }
}
