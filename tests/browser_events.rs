//! Browser tests of the message check's origin and source decisions
//! (`vivomeetings_embed::wasm::check_message`), on REAL messages, in
//! headless Chromium.
//!
//! A small test-side `message` listener (`browser_common::Checker`) does
//! what the JS layer's does: it reads the event's `origin`, `isTrusted`,
//! whether `source === iframe.contentWindow`, and `data`, serializes the
//! data with js/embed.js's own `toJson`, and asks `check_message` (see
//! `browser_common::check`). Unlike the JS layer it serializes the data of
//! every event and does not and `fromFrame` with `isTrusted`, so the wasm
//! must refuse wrong origins and untrusted or foreign events by itself.
//!
//! Real messages come from the stand-in's poster page (`/__standin/post`)
//! in cross-origin iframes (the platform's origin, the app's, another host
//! on the same port, a sandboxed frame's `null`) and from same-origin
//! `about:blank` frames; forgeries are `MessageEvent`s a script dispatches.
//! Hostile inputs are rows of tables.
//!
//! The data shapes are in browser_shapes.rs, size and length limits in
//! browser_sizes.rs, a hostile page in browser_hostile.rs, long runs in
//! browser_endurance.rs (each file is its own test binary: the runner gives
//! each 20 s).
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlIFrameElement;

wasm_bindgen_test_configure!(run_in_browser);

// ---- Origins and sources ----

#[wasm_bindgen_test]
async fn each_message_from_the_platform_frame_is_delivered_as_documented() {
    let x256 = "x".repeat(256);
    let t256 = format!("t{}", "y".repeat(255));
    let nested_ok = format!(
        r#"{{"type":"{LEAVE}","reason":"left","meta":{}1{}}}"#,
        "[".repeat(10),
        "]".repeat(10)
    );
    // (message JSON, expected verdict)
    let table: Vec<(String, Verdict)> = vec![
        (leave_json("left"), Verdict::Leave),
        (leave_json("kicked"), Verdict::Leave),
        (leave_json("blocked"), Verdict::Leave),
        (leave_json("timeout"), Verdict::Leave),
        (leave_json("Left"), Verdict::Leave),
        (leave_json(""), Verdict::Leave),
        (leave_json(&x256), Verdict::Leave),
        (JOINED.into(), Verdict::Message),
        (format!(r#"{{"type":"{t256}"}}"#), Verdict::Message),
        (r#"{"type":"","x":null}"#.into(), Verdict::Message),
        (
            r#"{"type":"vivomeetingsleavecallevent","reason":"left"}"#.into(),
            Verdict::Message,
        ),
        (
            format!(r#"{{"type":"{LEAVE} ","reason":"left"}}"#),
            Verdict::Message,
        ),
        (r#"{"type":"x","reason":5}"#.into(), Verdict::Message),
        (
            format!(r#"{{"reason":"left","type":"{LEAVE}","extra":{{"a":[1,2,{{"b":null}}]}}}}"#),
            Verdict::Leave,
        ),
        (nested_ok, Verdict::Leave),
        (
            format!(r#"{{"type":"{LEAVE}","reason":"left","n":-0.5,"t":true,"f":false,"z":null}}"#),
            Verdict::Leave,
        ),
    ];
    let messages: Vec<&str> = table.iter().map(|(m, _)| m.as_str()).collect();
    let got = poster_checks(&platform(), &json_array(&messages), table.len()).await;
    for ((sent, want), got) in table.iter().zip(got) {
        assert_eq!(got, Got::delivered(*want, sent), "for {sent}");
    }
}

#[wasm_bindgen_test]
async fn the_right_payload_from_another_origin_is_rejected_as_origin() {
    let same_port_other_host = format!("http://127.0.0.1:{}", platform_port());
    let messages = json_array(&[leave_json("left"), JOINED.to_owned()]);
    for origin in [app(), same_port_other_host] {
        let got = poster_checks(&origin, &messages, 2).await;
        assert_eq!(
            got,
            vec![Got::rejected(Verdict::Origin, &origin); 2],
            "from {origin}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_sandboxed_platform_frame_has_the_null_origin_and_is_rejected_as_origin() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    let iframe: HtmlIFrameElement = document()
        .create_element("iframe")
        .unwrap()
        .unchecked_into();
    // An opaque origin: the platform's page, posting as "null".
    iframe.set_attribute("sandbox", "allow-scripts").unwrap();
    iframe.set_src(&poster_url(
        &platform(),
        &json_array(&[leave_json("left"), JOINED.to_owned()]),
        0,
    ));
    c.append_child(&iframe).unwrap();
    let checker = Checker::new(&iframe, &platform());
    assert_eq!(
        checker.settle(2).await,
        vec![Got::rejected(Verdict::Origin, "null"); 2]
    );
    // A listener that (wrongly) expected "null" would still not accept a
    // script's claim of it.
    let null = Checker::new(&iframe, "null");
    assert_eq!(
        null.dispatch(
            "null",
            Some(&content_window(&iframe)),
            &json(&leave_json("left"))
        ),
        Some(Got::rejected(Verdict::Source, "null"))
    );
}

#[wasm_bindgen_test]
async fn a_second_frame_of_the_platform_origin_is_rejected_as_source() {
    let c = container();
    let _cleanup = Remove(c.clone().into());
    // A posts after B, so B's message arrives while A's listener is live.
    let a = frame(
        &c,
        &poster_url(&platform(), &json_array(&[leave_json("left")]), 300),
    );
    let b = frame(
        &c,
        &poster_url(&platform(), &json_array(&[leave_json("kicked")]), 0),
    );
    let check_a = Checker::new(&a, &platform());
    let check_b = Checker::new(&b, &platform());
    let mut got_a = check_a.settle(2).await;
    let mut got_b = check_b.settle(2).await;
    let foreign = Got::rejected(Verdict::Source, &platform());
    let key = |g: &Got| format!("{g:?}");
    got_a.sort_by_key(key);
    got_b.sort_by_key(key);
    let mut want_a = vec![Got::leave(&leave_json("left")), foreign.clone()];
    let mut want_b = vec![Got::leave(&leave_json("kicked")), foreign];
    want_a.sort_by_key(key);
    want_b.sort_by_key(key);
    assert_eq!(got_a, want_a, "A hears only its own frame");
    assert_eq!(got_b, want_b, "B hears only its own frame");
}

#[wasm_bindgen_test]
async fn messages_from_the_page_itself_are_rejected() {
    let (_cleanup, iframe, _) = blank_frame();
    let checker = Checker::new(&iframe, &platform());
    post_to_self(&json(&leave_json("left")));
    assert_eq!(
        checker.settle(1).await,
        vec![Got::rejected(Verdict::Origin, &page_origin())]
    );
    // A page script forging the origin still cannot be the frame.
    assert_eq!(
        checker.dispatch(
            &platform(),
            Some(&window().into()),
            &json(&leave_json("left"))
        ),
        Some(Got::rejected(Verdict::Source, &platform()))
    );
}

/// Origins that look like `origin` but are not it.
fn lookalikes(origin: &str) -> Vec<String> {
    let (scheme, rest) = origin.split_once("://").expect("scheme");
    let other_scheme = if scheme == "https" { "http" } else { "https" };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p.parse::<u32>().expect("port"))),
        None => (rest, None),
    };
    let mut out = vec![
        format!("{origin}.evil.io"),
        format!("{origin}/"),
        format!("{origin}:"),
        format!("{origin} "),
        format!(" {origin}"),
        format!("{origin}\0"),
        format!("{origin}\u{200b}"),
        origin.to_uppercase(),
        format!("{scheme}://{}", rest.to_uppercase()),
        format!("{other_scheme}://{rest}"),
        format!("{scheme}://x{rest}"),
        format!("{scheme}://evil.io"),
        format!("{scheme}://{rest}@evil.io"),
        format!("{scheme}://evil.io@{rest}"),
        origin[..origin.len() - 1].to_owned(),
        "null".into(),
        "".into(),
        "*".into(),
    ];
    match port {
        Some(p) => {
            out.push(format!("{scheme}://{host}:{}", p + 1));
            out.push(format!("{scheme}://{host}"));
            out.push(format!("{scheme}://{host}:0{p}"));
        }
        None => {
            out.push(format!("{origin}:8443"));
            out.push(format!(
                "{origin}:{}",
                if scheme == "https" { 443 } else { 80 }
            ));
        }
    }
    out
}

#[wasm_bindgen_test]
fn lookalike_origins_are_rejected_as_origin() {
    let (_cleanup, iframe, source) = blank_frame();
    let data = json(&leave_json("left"));
    let acme = "https://acme.vivomeetings.com";
    let mut cases: Vec<(String, Vec<String>)> = vec![(
        acme.into(),
        [
            "https://acme.vivomeetings.com.evil.io",
            "http://acme.vivomeetings.com",
            "https://acme.vivomeetings.com:443",
            "https://acme.vivomeetings.com:8443",
            "https://ACME.VIVOMEETINGS.COM",
            "HTTPS://acme.vivomeetings.com",
            "https://acme.vivomeetings.com/",
            "https://evil.io/https://acme.vivomeetings.com",
            "https://acme-vivomeetings.com",
            "https://acme.vivomeetings.co",
            "https://xn--acme-vivomeetings.com",
            "https://acme.vivomeetings.com.",
            "null",
        ]
        .map(String::from)
        .into(),
    )];
    cases[0].1.extend(lookalikes(acme));
    cases.push((platform(), lookalikes(&platform())));
    for (origin, fakes) in cases {
        let checker = Checker::new(&iframe, &origin);
        for fake in &fakes {
            assert_ne!(fake, &origin);
            // Through an event (a script's claim) …
            assert_eq!(
                checker.dispatch(fake, Some(&source), &data),
                Some(Got::rejected(Verdict::Origin, fake)),
                "{fake:?} posing as {origin}"
            );
            // … and as if the browser itself had delivered it from the frame.
            assert_eq!(
                check(&origin, fake, true, true, &data),
                Verdict::Origin,
                "{fake:?} posing as {origin}, trusted"
            );
        }
        // Control: the exact origin from the right window passes the origin
        // check, and then fails as what it is, a script-dispatched event.
        assert_eq!(
            checker.dispatch(&origin, Some(&source), &data),
            Some(Got::rejected(Verdict::Source, &origin)),
            "{origin} itself, dispatched by a script"
        );
        assert_eq!(
            check(&origin, &origin, true, true, &data),
            Verdict::Leave,
            "{origin} itself, trusted and from the frame"
        );
    }
}

#[wasm_bindgen_test]
async fn script_dispatched_events_are_never_delivered() {
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, source) = blank_frame();
    let perfect = [
        leave_json("left"),
        leave_json("kicked"),
        leave_json("blocked"),
        JOINED.to_owned(),
        DONE.to_owned(),
    ];
    // The exact origin and the frame's own window, as any page or extension
    // script can claim them: for the platform, and for the page's own origin
    // (which a same-origin frame really has).
    for origin in [platform(), page_origin()] {
        let checker = Checker::new(&iframe, &origin);
        for m in &perfect {
            assert_eq!(
                checker.dispatch(&origin, Some(&source), &json(m)),
                Some(Got::rejected(Verdict::Source, &origin)),
                "{m} claiming {origin}"
            );
        }
        // A subclass whose prototype claims `isTrusted`: the event's own,
        // unforgeable `isTrusted` is what counts.
        dispatch_claiming_trust(&origin, &source, &json(&leave_json("left")));
        assert_eq!(
            checker.last(),
            Some(Got::rejected(Verdict::Source, &origin)),
            "a subclass claiming isTrusted"
        );
        assert_eq!(checker.len(), perfect.len() + 1);
    }
    // Control: the same message really posted by that frame is delivered.
    let checker = Checker::new(&iframe, &page_origin());
    post_from_child(&iframe, &json(&leave_json("left")));
    assert_eq!(
        checker.settle(1).await,
        vec![Got::leave(&leave_json("left"))]
    );
    assert_no_new_page_errors(errors_before);
}

#[wasm_bindgen_test]
async fn the_right_origin_from_another_window_is_rejected_as_source() {
    // Real (trusted) messages with the right origin from the wrong window:
    // same-origin about:blank frames and the page itself post with the
    // page's origin, so the listener here expects that origin. (The
    // platform-origin case, a second poster frame, is tested above.)
    let (cleanup, iframe, source) = blank_frame();
    let other = frame(&cleanup.0, "about:blank");
    let data = json(&leave_json("kicked"));
    let origin = page_origin();
    let checker = Checker::new(&iframe, &origin);
    let foreign = Got::rejected(Verdict::Source, &origin);
    post_from_child(&other, &data);
    post_to_self(&data);
    post_from_child(&iframe, &data);
    assert_eq!(
        checker.settle(3).await,
        vec![
            foreign.clone(),
            foreign.clone(),
            Got::leave(&leave_json("kicked"))
        ],
        "another iframe, the page, then its own frame (control)"
    );
    // Script-dispatched claims of any window are rejected as well.
    let page: JsValue = window().into();
    let top: JsValue = window().top().unwrap().unwrap().into();
    let other_window = content_window(&other);
    let sources: [(&str, Option<&JsValue>); 5] = [
        ("no source", None),
        ("the page", Some(&page)),
        ("another iframe", Some(&other_window)),
        ("the top window", Some(&top)),
        ("its own frame", Some(&source)),
    ];
    for (what, claimed) in sources {
        assert_eq!(
            checker.dispatch(&origin, claimed, &data),
            Some(foreign.clone()),
            "{what}"
        );
    }
    // A removed iframe has no window any more: a real message from another
    // window is not from it.
    iframe.remove();
    post_from_child(&other, &data);
    let got = checker.settle(3 + sources.len() + 1).await;
    assert_eq!(got.last(), Some(&foreign), "after removal");
}
