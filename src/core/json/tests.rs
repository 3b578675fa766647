use super::*;

/// (input, compact output, or the error's `field: detail` message)
const CASES: &[(&str, Result<&str, &str>)] = &[
    ("null", Ok("null")),
    (" \t\r\n true \n", Ok("true")),
    ("false", Ok("false")),
    ("0", Ok("0")),
    ("-0", Ok("-0")),
    ("-12.50e+3", Ok("-12.50e+3")),
    ("1E-2", Ok("1E-2")),
    (r#""""#, Ok(r#""""#)),
    (r#""a\"\\\/\b\f\n\r\t""#, Ok(r#""a\"\\/\b\f\n\r\t""#)),
    (r#""\u00e9\u0001\uD83C\uDF89""#, Ok("\"é\\u0001🎉\"")),
    ("\"李雷 🎉\"", Ok("\"李雷 🎉\"")),
    ("[]", Ok("[]")),
    ("{}", Ok("{}")),
    (
        r#"{ "b" : [ 1 , { } , [ ] ] , "a" : "x" }"#,
        Ok(r#"{"b":[1,{},[]],"a":"x"}"#),
    ),
    ("", Err("is not valid JSON: unexpected end at byte 0")),
    ("   ", Err("is not valid JSON: unexpected end at byte 3")),
    (
        "nul",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    (
        "True",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    (
        "01",
        Err("is not valid JSON: unexpected data after the value at byte 1"),
    ),
    ("1.", Err("is not valid JSON: invalid number at byte 2")),
    (
        ".5",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    (
        "+1",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    ("-", Err("is not valid JSON: invalid number at byte 1")),
    ("1e", Err("is not valid JSON: invalid number at byte 2")),
    ("1e+", Err("is not valid JSON: invalid number at byte 3")),
    (
        "NaN",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    (
        "{} {}",
        Err("is not valid JSON: unexpected data after the value at byte 3"),
    ),
    (
        "[1,]",
        Err("is not valid JSON: unexpected character at byte 3"),
    ),
    (
        "[1 2]",
        Err("is not valid JSON: expected ',' or ']' at byte 3"),
    ),
    (
        "{\"a\":1,}",
        Err("is not valid JSON: expected a string key at byte 7"),
    ),
    (
        "{\"a\" 1}",
        Err("is not valid JSON: expected ':' at byte 5"),
    ),
    (
        "{a:1}",
        Err("is not valid JSON: expected a string key at byte 1"),
    ),
    (
        "{'a':1}",
        Err("is not valid JSON: expected a string key at byte 1"),
    ),
    (
        "[\"a",
        Err("is not valid JSON: unterminated string at byte 3"),
    ),
    (
        "\"a\tb\"",
        Err("is not valid JSON: control character in a string at byte 2"),
    ),
    (
        "\"\\x\"",
        Err("is not valid JSON: invalid escape at byte 2"),
    ),
    (
        "\"\\u12\"",
        Err("is not valid JSON: invalid \\u escape at byte 5"),
    ),
    (
        "\"\\ud800\"",
        Err("is not valid JSON: lone surrogate at byte 7"),
    ),
    (
        "\"\\udc00\"",
        Err("is not valid JSON: lone surrogate at byte 7"),
    ),
    (
        "\"\\ud800\\u0041\"",
        Err("is not valid JSON: lone surrogate at byte 13"),
    ),
    (
        "{\"a\":[{\"b\":tru}]}",
        Err("is not valid JSON: unexpected character at byte 11"),
    ),
    (
        "\u{feff}{}",
        Err("is not valid JSON: unexpected character at byte 0"),
    ),
    (
        "{\"a\":{\"b\":[0,{\"__proto__\":1}]}}",
        Err("a.b.1.__proto__: is a forbidden key"),
    ),
    (
        "{\"constructor\":{}}",
        Err("constructor: is a forbidden key"),
    ),
    (
        "[{\"prototype\":null}]",
        Err("0.prototype: is a forbidden key"),
    ),
    (
        "{\"__proto__\":1,\"__proto__\":1}",
        Err("__proto__: is a forbidden key"),
    ),
    ("{\"a\":1,\"b\":2,\"a\":3}", Err("a: is a duplicate key")),
    ("{\"x\":{\"k\":1,\"k\":1}}", Err("x.k: is a duplicate key")),
    ("{\"\\u0061\":1,\"a\":2}", Err("a: is a duplicate key")),
    // Keys that only look alike are different keys.
    (
        "{\"a\":1,\"A\":2,\"a \":3}",
        Ok("{\"a\":1,\"A\":2,\"a \":3}"),
    ),
    (
        "{\"__proto\":1,\"Prototype\":2}",
        Ok("{\"__proto\":1,\"Prototype\":2}"),
    ),
];

#[test]
fn table() {
    for &(input, want) in CASES {
        let got = parse_str(input).map(|v| v.to_json());
        match (got, want) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{input:?}"),
            (Err(e), Err(want)) => {
                assert_eq!(e.code(), ErrorCode::InvalidWebhook, "{input:?}");
                assert_eq!(e.message(), want, "{input:?}");
            }
            (got, _) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn invalid_utf8_is_refused() {
    for bytes in [
        &b"\"\xff\""[..],
        b"\"\xc3\"",
        b"\"\xed\xa0\x80\"",
        b"\"\xc0\x80\"",
        b"\"\xf4\x90\x80\x80\"",
        b"\xef\xbb\xbf{}",
        b"{\"\x80\":1}",
    ] {
        let e = parse(bytes).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidWebhook, "{bytes:?}");
    }
    assert_eq!(
        parse("\"é\u{10ffff}\"".as_bytes()).unwrap(),
        Json::String("é\u{10ffff}".into())
    );
}

fn nested(levels: usize) -> String {
    "[".repeat(levels) + &"]".repeat(levels)
}

#[test]
fn depth_limit_is_inclusive_and_counted_from_outside() {
    assert!(parse_str(&nested(MAX_DEPTH)).is_ok());
    let e = parse_str(&nested(MAX_DEPTH + 1)).unwrap_err();
    assert!(e.message().ends_with("nests deeper than 32 levels"), "{e}");
    assert_eq!(e.field().map(|f| f.split('.').count()), Some(MAX_DEPTH));
    // A million brackets are refused at level 33, without recursing further.
    assert!(parse_str(&"[".repeat(1 << 20)).is_err());
    let objects = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
    assert!(parse_str(&objects).is_ok());
    assert!(parse_within(objects.as_bytes(), 1).is_err());
    assert!(parse_within(b"1", MAX_DEPTH).is_ok());
    assert!(parse_within(b"[]", MAX_DEPTH).is_err());
}

#[test]
fn size_limit_is_inclusive() {
    let fits = "\"".to_owned() + &"x".repeat(MAX_INPUT - 2) + "\"";
    assert_eq!(fits.len(), MAX_INPUT);
    assert!(parse_str(&fits).is_ok());
    let over = fits + " ";
    let e = parse_str(&over).unwrap_err();
    assert_eq!(e.message(), "is over 64 KiB (65,536 bytes)");
}

#[test]
fn ids() {
    for (text, id) in [
        ("0", Some(0)),
        ("7", Some(7)),
        ("9007199254740991", Some(MAX_SAFE_INTEGER)),
        ("9007199254740992", None),
        ("99999999999999999999", None),
        ("-0", None),
        ("-1", None),
        ("1.0", None),
        ("1e3", None),
        ("10E0", None),
    ] {
        let n = Number::parse(text).unwrap();
        assert_eq!(n.as_id(), id, "{text}");
        assert_eq!(n.as_str(), text);
    }
    for bad in ["", "01", "1.", "x", "1 ", " 1", "--1"] {
        assert_eq!(Number::parse(bad), None, "{bad:?}");
    }
    assert_eq!(Number::from_u64(42).as_id(), Some(42));
}

#[test]
fn accessors() {
    let v = parse_str(r#"{"s":"x","n":5,"b":true,"z":null,"a":[1],"o":{}}"#).unwrap();
    assert_eq!(v.get("s").and_then(Json::as_str), Some("x"));
    assert_eq!(
        v.get("n").and_then(Json::as_number).and_then(Number::as_id),
        Some(5)
    );
    assert_eq!(v.get("b").and_then(Json::as_bool), Some(true));
    assert!(v.get("z").is_some_and(Json::is_null));
    assert_eq!(v.get("a").and_then(Json::as_array).map(<[_]>::len), Some(1));
    assert_eq!(
        v.get("o").and_then(Json::as_object).map(<[_]>::len),
        Some(0)
    );
    assert_eq!(v.get("missing"), None);
    assert_eq!(Json::Null.get("s"), None);
    let names: Vec<_> = v
        .as_object()
        .unwrap()
        .iter()
        .map(|(_, v)| v.type_name())
        .collect();
    assert_eq!(
        names,
        [
            "a string",
            "a number",
            "a boolean",
            "null",
            "an array",
            "an object"
        ]
    );
}

#[test]
fn every_control_character_is_escaped_and_reparsed() {
    let s: String = (0u8..0x80).map(char::from).collect::<String>() + "é\u{2028}🎉";
    let text = Json::String(s.clone()).to_json();
    assert!(!text.bytes().any(|b| b < 0x20));
    assert_eq!(parse_str(&text).unwrap(), Json::String(s));
}

#[test]
fn many_keys_parse_in_linear_ish_time() {
    // ~9,000 distinct keys in one object; a quadratic duplicate check would show.
    let mut text = String::from("{");
    let mut i = 0u64;
    while text.len() < MAX_INPUT - 16 {
        if i > 0 {
            text.push(',');
        }
        text.push('"');
        push_u64(&mut text, i);
        text.push_str("\":0");
        i += 1;
    }
    text.push('}');
    let start = std::time::Instant::now();
    assert!(parse_str(&text).is_ok());
    let dup = text.replacen("\"0\":0", "\"1\":0", 1);
    assert_eq!(
        parse_str(&dup).unwrap_err().message(),
        "1: is a duplicate key"
    );
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
}

proptest::proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn json_ish_text_never_panics_and_round_trips(
        text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,64}|(\\[|\\{\"k\":|\"\\\\u[0-9a-fA-F]{4}|[0-9.eE+-]{1,4}|,|\\]|\\}|null|true|\"\\\\[\"\\\\/bfnrtux]){0,24}"
    ) {
        if let Ok(v) = parse_str(&text) {
            // What parses writes back to text that parses to the same value.
            proptest::prop_assert_eq!(parse_str(&v.to_json()).ok(), Some(v));
        }
    }
}
