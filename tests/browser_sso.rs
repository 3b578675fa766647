//! Browser tests of signing hosts in (issue 4): the hidden POST form is
//! exactly what the handbook lists, submitting it in a new tab delivers the
//! fields in the body and nothing in the URL (checked through the
//! stand-in's `/__standin/auth-log`), hostile input is refused before any
//! DOM work, and the SSO iframe gets `src`, `allow` and `referrerpolicy`.
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use std::collections::BTreeMap;
use vivomeetings_embed::browser::{self, FrameKind, FrameOptions};
use vivomeetings_embed::core::{HostId, LoginToken, Platform, SignIn};
use vivomeetings_embed::js::VivoMeetings;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlFormElement, HtmlIFrameElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The stand-in's demo host of the handbook example (section 10.1).
const HOST: u64 = 8;
const TOKEN: &str = "a1b2c3d4e5f6";
const MEETING_ALLOW: &str = "camera;microphone;fullscreen;autoplay;display-capture";

fn stand_in() -> Platform {
    Platform::parse(&platform()).expect("the stand-in's origin is a valid platform")
}

fn request(host: u64, token: &str, redirect: &str, after: Option<&str>) -> SignIn {
    let req = SignIn::new(
        &stand_in(),
        HostId::new(host).unwrap(),
        LoginToken::parse(token).unwrap(),
        redirect,
    )
    .unwrap_or_else(|e| panic!("{redirect}: {e}"));
    match after {
        Some(url) => req
            .after_call_url(url, None)
            .unwrap_or_else(|e| panic!("{url}: {e}")),
        None => req,
    }
}

/// A value no other test run or test uses, to find this test's log entries.
fn unique(tag: &str) -> String {
    format!(
        "{tag}-{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    )
}

fn vivo() -> JsValue {
    VivoMeetings::new(object(&[("domain", platform().into())]))
        .expect("valid domain")
        .into()
}

/// `(name, value)` of the form's children, checking each is a hidden input.
fn hidden_inputs(form: &HtmlFormElement) -> Vec<(String, String)> {
    assert_eq!(
        form.child_nodes().length(),
        form.children().length(),
        "only elements, no text nodes"
    );
    children(form)
        .into_iter()
        .map(|el| {
            assert_eq!(el.tag_name(), "INPUT", "only inputs");
            let input: HtmlInputElement = el.unchecked_into();
            assert_eq!(input.type_(), "hidden");
            assert_eq!(input.get_attribute("type").as_deref(), Some("hidden"));
            assert_eq!(input.children().length(), 0);
            (input.name(), input.value())
        })
        .collect()
}

/// The `/auth` requests the stand-in logged whose `fields[key] == value`.
async fn auth_log_entries(key: &str, value: &str) -> Vec<JsValue> {
    let log = fetch_json(&format!("{}/__standin/auth-log", platform())).await;
    let log: js_sys::Array = log.dyn_into().expect("the auth log is an array");
    log.iter()
        .filter(|entry| prop_str(&prop(entry, "fields"), key).as_deref() == Some(value))
        .collect()
}

/// Polls the auth log until one entry has `fields[key] == value`.
async fn wait_for_auth(key: &str, value: &str) -> JsValue {
    let start = js_sys::Date::now();
    loop {
        let entries = auth_log_entries(key, value).await;
        if let Some(first) = entries.first() {
            sleep(100).await;
            let entries = auth_log_entries(key, value).await;
            assert_eq!(entries.len(), 1, "exactly one /auth request for {value}");
            return first.clone();
        }
        assert!(
            js_sys::Date::now() - start < 8000.0,
            "no /auth request with {key}={value} reached the stand-in"
        );
        sleep(50).await;
    }
}

fn fields_of(entry: &JsValue) -> BTreeMap<String, String> {
    let fields = prop(entry, "fields");
    js_sys::Object::keys(fields.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| {
            let k = k.as_string().unwrap();
            let v = prop_str(&fields, &k).unwrap();
            (k, v)
        })
        .collect()
}

fn expected_fields(req: &SignIn) -> BTreeMap<String, String> {
    req.fields()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect()
}

/// One row of the sign-in form table.
struct FormCase {
    host: u64,
    token: &'static str,
    redirect: String,
    after: Option<&'static str>,
    new_tab: bool,
    /// The hidden inputs, in order.
    want: Vec<(&'static str, String)>,
}

#[wasm_bindgen_test]
fn the_sign_in_form_is_exactly_what_the_handbook_lists() {
    let platform_url = format!("{}/conf/create?a=1&b=%2F", platform());
    let tricky_token = r#"a"><b>x</b>&amp;'--!~"#;
    let table = vec![
        FormCase {
            host: HOST,
            token: TOKEN,
            redirect: "/conf/calls/upcoming".into(),
            after: Some("https://en.wikipedia.org"),
            new_tab: false,
            want: vec![
                ("host_id", "8".into()),
                ("login_token_public_key", TOKEN.into()),
                ("redirect_url", "/conf/calls/upcoming".into()),
                ("after_call_url", "https://en.wikipedia.org".into()),
            ],
        },
        FormCase {
            host: 9,
            token: "demo-token-9",
            redirect: "/conf/call/7654321?name=Steve+Irwin&skip_join=true".into(),
            after: None,
            new_tab: true,
            want: vec![
                ("host_id", "9".into()),
                ("login_token_public_key", "demo-token-9".into()),
                (
                    "redirect_url",
                    "/conf/call/7654321?name=Steve+Irwin&skip_join=true".into(),
                ),
            ],
        },
        FormCase {
            host: (1 << 53) - 1,
            token: tricky_token,
            redirect: platform_url.clone(),
            after: Some("/after-call?x=%3Cb%3E&y=\"q\""),
            new_tab: true,
            want: vec![
                ("host_id", "9007199254740991".into()),
                ("login_token_public_key", tricky_token.into()),
                ("redirect_url", platform_url.clone()),
                ("after_call_url", "/after-call?x=%3Cb%3E&y=\"q\"".into()),
            ],
        },
    ];
    let forms_before = frames_and_forms();
    for FormCase {
        host,
        token,
        redirect,
        after,
        new_tab,
        want,
    } in table
    {
        let req = request(host, token, &redirect, after);
        let form = browser::sign_in_form(&req, new_tab).expect("form");
        let context = format!("host {host}, new tab {new_tab}");
        assert_eq!(form.tag_name(), "FORM");
        assert_eq!(form.method(), "post", "{context}");
        assert_eq!(
            form.get_attribute("method").as_deref(),
            Some("post"),
            "{context}"
        );
        let action = format!("{}/auth", platform());
        assert_eq!(
            form.get_attribute("action").as_deref(),
            Some(action.as_str()),
            "{context}"
        );
        assert_eq!(form.action(), action, "{context}");
        assert!(
            !form.action().contains('?'),
            "{context}: nothing in the action's query"
        );
        assert_eq!(
            form.enctype(),
            "application/x-www-form-urlencoded",
            "{context}"
        );
        assert_eq!(
            form.get_attribute("enctype").as_deref(),
            Some("application/x-www-form-urlencoded")
        );
        let (target, rel) = if new_tab {
            ("_blank", Some("noopener"))
        } else {
            ("_self", None)
        };
        assert_eq!(form.target(), target, "{context}");
        assert_eq!(form.get_attribute("rel").as_deref(), rel, "{context}");
        assert!(form.hidden(), "{context}: the form is hidden");
        assert!(!form.is_connected(), "{context}: built, not attached");
        let want: Vec<(String, String)> =
            want.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(hidden_inputs(&form), want, "{context}");
        assert!(
            !form.inner_html().contains("<b>"),
            "{context}: values are never parsed as markup"
        );
    }
    assert_eq!(
        frames_and_forms(),
        forms_before,
        "sign_in_form attaches nothing"
    );
}

#[wasm_bindgen_test]
async fn submit_in_a_new_tab_posts_the_fields_in_the_body_and_removes_the_form() {
    install_error_counter();
    let errors_before = page_errors().length();
    let marker = unique("browser");
    let redirect = format!("/conf/calls/upcoming?run={marker}");
    let req = request(
        HOST,
        TOKEN,
        &redirect,
        Some("https://en.wikipedia.org/wiki/Main_Page"),
    );
    let forms = frames_and_forms();
    browser::submit_sign_in(&req, true).expect("submit in a new tab");
    assert_eq!(
        frames_and_forms(),
        forms,
        "the form is gone right after submit"
    );
    assert!(document().query_selector("form").unwrap().is_none());

    let entry = wait_for_auth("redirect_url", &redirect).await;
    assert_eq!(prop_str(&entry, "method").as_deref(), Some("POST"));
    assert_eq!(
        prop_str(&entry, "url").as_deref(),
        Some("/auth"),
        "no query string: the token is in the body only"
    );
    let content_type = prop_str(&entry, "content_type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/x-www-form-urlencoded"),
        "{content_type}"
    );
    assert_eq!(fields_of(&entry), expected_fields(&req));
    assert_eq!(
        prop(&entry, "status").as_f64(),
        Some(303.0),
        "the stand-in signed the host in"
    );
    assert_eq!(page_errors().length(), errors_before, "{:?}", page_errors());
}

#[wasm_bindgen_test]
async fn js_api_sign_in_posts_in_a_new_tab() {
    let marker = unique("js");
    let options = object(&[
        ("hostId", "8".into()),
        ("loginTokenPublicKey", TOKEN.into()),
        (
            "redirectTo",
            json(&format!(
                r#"{{"accessCode":"1234567","name":"Steve Irwin {marker}","skipJoin":true}}"#
            )),
        ),
        ("afterCallUrl", "/after-call".into()),
        ("newTab", true.into()),
    ]);
    let forms = frames_and_forms();
    let returned = call(&vivo(), "signIn", &[options]).expect("signIn");
    assert!(returned.is_undefined(), "signIn returns nothing");
    assert_eq!(frames_and_forms(), forms, "the form is gone");
    let redirect = format!("/conf/call/1234567?name=Steve+Irwin+{marker}&skip_join=true");
    let entry = wait_for_auth("redirect_url", &redirect).await;
    assert_eq!(prop_str(&entry, "method").as_deref(), Some("POST"));
    assert_eq!(prop_str(&entry, "url").as_deref(), Some("/auth"));
    let want: BTreeMap<String, String> = [
        ("host_id", "8"),
        ("login_token_public_key", TOKEN),
        ("redirect_url", redirect.as_str()),
        ("after_call_url", "/after-call"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(fields_of(&entry), want);
}

#[wasm_bindgen_test]
async fn js_api_refuses_hostile_input_before_building_anything() {
    let marker = unique("hostile");
    let after_marker = format!("/after-call?m={marker}");
    // Valid options with `key` replaced; `newTab` only for signIn.
    let valid = |key: &str, value: JsValue, new_tab: bool| {
        let mut props: Vec<(&str, JsValue)> = vec![
            ("hostId", JsValue::from_f64(HOST as f64)),
            ("loginTokenPublicKey", TOKEN.into()),
            ("redirectUrl", "/conf/calls/upcoming".into()),
            ("afterCallUrl", after_marker.clone().into()),
        ];
        if new_tab {
            props.push(("newTab", true.into()));
        }
        props.retain(|(k, _)| *k != key);
        props.push((key, value));
        object(&props)
    };
    let hostile_urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\u{0}javascript:alert(1)",
        " javascript:alert(1)",
        "%6A%61vascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "https://evil.example/",
        " /conf/calls/upcoming",
        "/conf/\ncalls",
        "",
        // Dot segments (also percent-encoded): `/.//evil` resolves to `//evil`.
        "/.//evil.example",
        "/..//evil.example",
        "/%2e//evil.example",
        "/conf/%2E%2e//evil.example",
        "/conf/./calls",
        "/conf/..",
        "/conf/.%2e?next=/",
    ];
    // (option, value, code)
    let mut table: Vec<(&str, JsValue, &str)> = Vec::new();
    for url in hostile_urls {
        table.push(("redirectUrl", url.into(), "unsafe_redirect"));
    }
    for url in [
        "javascript:alert(1)",
        "//evil.example",
        "data:,x",
        "ftp://evil.example/",
        "http:/evil.example",
        "/.//evil.example",
        "/after-call/%2e%2e//evil.example",
    ] {
        table.push(("afterCallUrl", url.into(), "unsafe_redirect"));
    }
    for id in [
        json("0"),
        json("-1"),
        json("1.5"),
        json("9007199254740992"),
        "08".into(),
        " 8".into(),
        "8 ".into(),
        "".into(),
        "abc".into(),
        json("true"),
        json("null"),
        json("[8]"),
    ] {
        table.push(("hostId", id, "invalid_host_id"));
    }
    for token in ["", "a b", "tok\n", "é", &"x".repeat(513)] {
        table.push(("loginTokenPublicKey", token.into(), "invalid_token"));
    }
    table.push(("loginTokenPublicKey", json("12345"), "invalid_token"));
    let vivo = vivo();
    let forms = frames_and_forms();
    for (key, value, code) in table {
        let context = format!("{key} = {}", stringify(&value));
        let err = call(&vivo, "signIn", &[valid(key, value.clone(), true)]).expect_err(&context);
        assert_vivo_error(&err, code, &context);
        assert_eq!(prop_str(&err, "field").as_deref(), Some(key), "{context}");
        if key == "loginTokenPublicKey" && value.as_f64().is_some() {
            assert_eq!(
                prop_str(&err, "message").as_deref(),
                Some("loginTokenPublicKey: must be a string"),
                "{context}"
            );
        }
        assert_eq!(frames_and_forms(), forms, "{context}: no form built");
        let err = call(&vivo, "signInUrl", &[valid(key, value, false)]).expect_err(&context);
        assert_vivo_error(&err, code, &context);
    }
    // Dots that are not whole path segments, or only in the query, are fine.
    for url in ["/a.b/c..d/...", "/conf/call/123456?next=../x"] {
        let link = call(
            &vivo,
            "signInUrl",
            &[valid("redirectUrl", url.into(), false)],
        )
        .unwrap_or_else(|e| panic!("{url}: {e:?}"));
        assert!(link.as_string().is_some(), "{url}");
    }
    sleep(300).await;
    assert!(
        auth_log_entries("after_call_url", &after_marker)
            .await
            .is_empty(),
        "nothing was submitted"
    );
}

#[wasm_bindgen_test]
async fn the_sso_iframe_gets_src_allow_and_no_referrer() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let marker = unique("frame");
    let redirect = format!("/conf/calls/upcoming?run={marker}");
    let req = request(HOST, TOKEN, &redirect, None);
    let url = req.get_url();
    let iframe =
        browser::mount(&c, &url, FrameKind::SignIn, &FrameOptions::default()).expect("mount");
    assert_eq!(iframe.get_attribute("src").as_deref(), Some(url.as_str()));
    assert_eq!(
        iframe.get_attribute("allow").as_deref(),
        Some(MEETING_ALLOW)
    );
    assert!(iframe.has_attribute("allowfullscreen"));
    assert_eq!(
        iframe.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(iframe.referrer_policy(), "no-referrer");
    // The frame really requests the GET link of 10.2.
    let entry = wait_for_auth("redirect_url", &redirect).await;
    assert_eq!(prop_str(&entry, "method").as_deref(), Some("GET"));
    assert!(prop_str(&entry, "url")
        .unwrap()
        .starts_with("/auth?host_id=8&"));
    assert_eq!(fields_of(&entry), expected_fields(&req));
}

#[wasm_bindgen_test]
async fn js_api_embed_sign_in_matches_sign_in_url() {
    install_listener_counter();
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let marker = unique("embed");
    let redirect = format!("/conf/calls/upcoming?run={marker}");
    let options = || {
        object(&[
            ("hostId", JsValue::from_f64(HOST as f64)),
            ("loginTokenPublicKey", TOKEN.into()),
            ("redirectUrl", redirect.clone().into()),
            ("afterCallUrl", "https://en.wikipedia.org".into()),
        ])
    };
    let vivo = vivo();
    let listeners = message_listeners();
    let link = call(&vivo, "signInUrl", &[options()])
        .expect("signInUrl")
        .as_string()
        .unwrap();
    let embed = call(&vivo, "embedSignIn", &[c.clone().into(), options()]).expect("embedSignIn");
    assert_eq!(prop_str(&embed, "url"), Some(link.clone()));
    let iframe: HtmlIFrameElement = prop(&embed, "iframe").dyn_into().unwrap();
    assert_eq!(iframe.parent_element(), Some(c.clone().into()));
    assert_eq!(iframe.get_attribute("src"), Some(link.clone()));
    assert_eq!(
        iframe.get_attribute("allow").as_deref(),
        Some(MEETING_ALLOW)
    );
    assert_eq!(
        iframe.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(
        message_listeners(),
        listeners + 1,
        "the same handle as embedMeeting: it listens for events"
    );
    for method in ["on", "once", "off", "destroy"] {
        assert!(prop(&embed, method).is_function(), "{method}");
    }
    assert!(prop(&embed, "left").is_instance_of::<js_sys::Promise>());
    let entry = wait_for_auth("redirect_url", &redirect).await;
    assert_eq!(prop_str(&entry, "method").as_deref(), Some("GET"));
    call(&embed, "destroy", &[]).unwrap();
    assert!(!iframe.is_connected());
    assert_eq!(message_listeners(), listeners);
}
