//! `GET /__standin/post`: the poster page on both origins.

mod common;

use common::{get, server};

/// The text of the `<script type="application/json" id="messages">` block.
fn data_block(body: &str) -> &str {
    let start = body
        .find("<script type=\"application/json\" id=\"messages\">")
        .expect("data block")
        + "<script type=\"application/json\" id=\"messages\">".len();
    let len = body[start..].find("</script>").expect("end of data block");
    &body[start..start + len]
}

/// `application/x-www-form-urlencoded` encoding of a query value.
fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[tokio::test]
async fn served_on_both_origins_with_the_messages_as_json() {
    let s = server(vec![]).await;
    let messages = r#"[{"type":"vivomeetingsLeaveCallEvent","reason":"left"},"</script><b>",{"__proto__":{"x":1}},{"__big":1048576},{"__bigreason":3},null,[1,2]]"#;
    let target = format!("/__standin/post?messages={}&delay=250", enc(messages));
    for addr in [s.platform_addr(), s.app_addr()] {
        let r = get(addr, &target).await;
        assert_eq!(r.status, 200, "{addr}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let body = r.text();
        let block = data_block(&body);
        assert!(!block.contains('<'), "{block}");
        assert!(
            block.starts_with(r#"[{"type":"vivomeetingsLeaveCallEvent","reason":"left"},"\u003c/script\u003e\u003cb\u003e","#),
            "embedded as given, key order kept: {block}"
        );
        let parsed: serde_json::Value = serde_json::from_str(block).expect("JSON");
        let original: serde_json::Value = serde_json::from_str(messages).expect("JSON");
        assert_eq!(parsed, original);
        assert!(body.contains("data-delay=\"250\""), "{body}");
        assert!(body.contains("window.parent.postMessage(expand(messages[i]), '*')"));
        assert!(body.contains("JSON.parse(document.getElementById('messages').textContent)"));
        assert!(body.contains("__big: function (n) { return 'x'.repeat(n); }"));
        assert!(body.contains(
            "__bigreason: function (n) { return {type: 'vivomeetingsLeaveCallEvent', reason: 'x'.repeat(n)}; }"
        ));
        assert!(body.contains("<output id=\"status\">waiting</output>"));
        assert!(!body.contains("<b>"));
    }
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn special_entries_are_embedded_as_given_and_built_by_the_page() {
    let s = server(vec![]).await;
    let messages = r#"[{"type":"vivomeetingsLeaveCallEvent","reason":"left","list":{"__sparse":4294967295}},{"type":"vivomeetingsLeaveCallEvent","reason":"left","list":{"__array":{"items":["a"],"keys":{"__proto__":{"polluted":true}}}}},{"__date":0},{"__map":[["type","x"]]},{"__set":[1]},{"__bytes":8},{"__blob":"x"},{"__bigint":"10"},{"__undefined":null},{"__regexp":"x"},{"__cycle":{"type":"x"}},{"type":"x","dag":{"__repeat":{"count":5000,"value":{"a":{"__big":100}}}}},{"__wide":{"keys":70000,"object":{"type":"x"}}},{"__nest":{"depth":1000,"value":1}}]"#;
    let target = format!("/__standin/post?messages={}", enc(messages));
    for addr in [s.platform_addr(), s.app_addr()] {
        let r = get(addr, &target).await;
        assert_eq!(r.status, 200, "{addr}: {}", r.text());
        let body = r.text();
        assert_eq!(data_block(&body), messages, "embedded as given");
        assert!(body.contains("Posts 14 message(s)"), "{body}");
        for maker in [
            "__undefined: function () { return undefined; }",
            "__bigint: function (s) { return BigInt(s); }",
            "__date: function (ms) { return new Date(ms); }",
            "__regexp: function (s) { return new RegExp(s); }",
            "__map: function (entries) { return new Map(entries); }",
            "__set: function (items) { return new Set(items); }",
            "__bytes: function (n) { return new Uint8Array(n); }",
            "__blob: function (text) { return new Blob([text]); }",
            "__sparse: function (n) { var a = []; a.length = n; return a; }",
            "Object.keys(keys).forEach(function (k) { own(a, k, keys[k]); });",
            "__cycle: function (o) { own(o, 'self', o); return o; }",
            "for (var i = 0; i < spec.count; i++) a.push(spec.value);",
            "for (var i = 0; i < spec.keys; i++) own(o, 'k' + i, 0);",
            "for (var i = 0; i < spec.depth; i++) v = [v];",
            // Own keys stay own keys (no `o[key] = v`, which would set a prototype).
            "Object.defineProperty(o, key, {value: value, writable: true, enumerable: true, configurable: true});",
            "if (inner !== v[keys[j]]) own(v, keys[j], inner);",
        ] {
            assert!(body.contains(maker), "{maker}");
        }
        assert!(
            !body.contains("v[keys[j]] = "),
            "no plain assignment of object keys"
        );
    }
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn bad_special_entries_are_400_anywhere_in_a_message() {
    let s = server(vec![]).await;
    for messages in [
        r#"[{"type":"x","list":{"__sparse":4294967296}}]"#,
        r#"[{"__bytes":16777217}]"#,
        r#"[{"__array":{"items":{}}}]"#,
        r#"[{"__repeat":{"count":1000001,"value":1}}]"#,
        r#"[{"__wide":{"keys":-1}}]"#,
        r#"[{"__nest":{"depth":10001,"value":1}}]"#,
        r#"[{"__bigint":"12a"}]"#,
        r#"[{"__date":"now"}]"#,
        r#"[{"__map":[[1]]}]"#,
        r#"[[{"a":[{"__blob":5}]}]]"#,
    ] {
        for addr in [s.platform_addr(), s.app_addr()] {
            let r = get(addr, &format!("/__standin/post?messages={}", enc(messages))).await;
            assert_eq!(r.status, 400, "{addr} {messages}");
            assert!(r.text().contains("id=\"bad-request\""), "{messages}");
        }
    }
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn delay_defaults_to_zero() {
    let s = server(vec![]).await;
    let r = get(s.platform_addr(), "/__standin/post?messages=%5B%5D").await;
    assert_eq!(r.status, 200);
    let body = r.text();
    assert!(body.contains("data-delay=\"0\""), "{body}");
    assert_eq!(data_block(&body), "[]");
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn bad_queries_are_400_on_both_origins() {
    let s = server(vec![]).await;
    for query in [
        "",
        "?delay=10",
        "?messages=%7B%7D",
        "?messages=not-json",
        "?messages=%5B%5D&delay=soon",
        "?messages=%5B%5D&delay=600000",
        "?messages=%5B%7B%22__big%22%3A-1%7D%5D",
        "?messages=%5B%7B%22__bigreason%22%3A99999999999%7D%5D",
        "?messages=%5B%5D&extra=1",
    ] {
        for addr in [s.platform_addr(), s.app_addr()] {
            let r = get(addr, &format!("/__standin/post{query}")).await;
            assert_eq!(r.status, 400, "{addr} {query}");
            assert!(r.text().contains("id=\"bad-request\""), "{query}");
        }
    }
    s.shutdown().await.expect("shutdown");
}
