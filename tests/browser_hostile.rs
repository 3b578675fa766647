//! Browser tests of the message check (`vivomeetings_embed::wasm::check_message`,
//! with the JS listener's serializer from js/embed.js) against a hostile
//! page, in headless Chromium: values only a script can make (Proxies,
//! throwing getters, functions…), and a page that replaced `Object.keys`,
//! `Reflect.get` and `Object.getPrototypeOf` with throwing functions. No JS
//! exception may escape, and the instance must keep working. (Long runs:
//! browser_endurance.rs.)
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Values a page script can put in a synthetic event, many of which no
/// frame could post (functions, symbols, throwing getters, Proxies): as
/// script-dispatched events they are rejected as `source` without the data
/// being read, and even serialized and checked as if the browser had
/// delivered them, they are refused as `shape` and nothing throws.
#[wasm_bindgen_test]
async fn values_a_page_script_could_dispatch_get_a_verdict_without_throwing() {
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, source) = blank_frame();
    let checker = Checker::new(&iframe, &platform());
    let values = unclonable_values();
    for pair in values.iter() {
        let pair: Array = pair.unchecked_into();
        let what = pair.get(0).as_string().unwrap();
        let value = pair.get(1);
        assert_eq!(
            checker.dispatch(&platform(), Some(&source), &value),
            Some(Got::rejected(Verdict::Source, &platform())),
            "{what}"
        );
        for _ in 0..2 {
            let verdict = check(&platform(), &platform(), true, true, &value);
            assert_eq!(verdict, Verdict::Shape, "{what}, as if trusted");
        }
    }
    assert_eq!(checker.len() as u32, values.length());
    assert_no_new_page_errors(errors_before);
    // The listener (and the wasm instance) still work: a real message.
    iframe.set_src(&poster_url(
        &platform(),
        &json_array(&[leave_json("left")]),
        0,
    ));
    let got = checker.settle(values.length() as usize + 1).await;
    assert_eq!(got.last(), Some(&Got::leave(&leave_json("left"))));
}

// ---- A hostile page, and many messages ----

/// A page whose scripts replaced `Object.keys`, `Reflect.get` and
/// `Object.getPrototypeOf` (one, or all three) with functions that throw:
/// every real message and about 1,000 direct calls still get a verdict (no
/// exception unwinds through the wasm, nothing reaches the page's error
/// handler), a malformed message is never delivered, and afterwards the
/// same wasm instance works as before, 1,000 times.
#[wasm_bindgen_test]
async fn a_page_that_replaced_the_walkers_globals_still_gets_verdicts() {
    install_error_counter();
    let errors_before = page_errors().length();
    let (_cleanup, iframe, _) = blank_frame();
    let origin = page_origin();
    let checker = Checker::new(&iframe, &origin);
    let good = [
        leave_json("left"),
        JOINED.to_owned(),
        format!(r#"{{"type":"{LEAVE}","reason":"kicked","list":[1,{{"a":"b"}}]}}"#),
    ];
    let bad = [
        format!(r#"{{"type":"{LEAVE}","reason":"left","__proto__":1}}"#),
        format!(r#"{{"type":"{LEAVE}","reason":5}}"#),
        r#"{"type":"x","a":{"constructor":{"prototype":1}}}"#.to_owned(),
        r#"{"reason":"left"}"#.to_owned(),
        r#"["vivomeetingsLeaveCallEvent"]"#.to_owned(),
        r#""vivomeetingsLeaveCallEvent""#.to_owned(),
    ];
    // Parsed before any global is replaced (JSON.parse does not use them).
    let good_values: Vec<JsValue> = good.iter().map(|m| json(m)).collect();
    let bad_values: Vec<JsValue> = bad.iter().map(|m| json(m)).collect();
    let replacements: [&[&str]; 4] = [
        &["keys"],
        &["get"],
        &["getPrototypeOf"],
        &["keys", "get", "getPrototypeOf"],
    ];
    let start = js_sys::Date::now();
    let mut seen = 0;
    for which in replacements {
        let names: Array = which.iter().map(|n| JsValue::from_str(n)).collect();
        let restore = replace_globals(&names);
        // While replaced: only code that does not use them (no Reflect::get
        // helpers here), and no assertion until they are restored.
        let mut direct: Vec<(bool, Verdict)> = Vec::with_capacity(1008);
        for _ in 0..112 {
            for v in &good_values {
                direct.push((true, check(&origin, &origin, true, true, v)));
            }
            for v in &bad_values {
                direct.push((false, check(&origin, &origin, true, true, v)));
            }
        }
        for v in good_values.iter().chain(&bad_values) {
            post_from_child(&iframe, v);
        }
        let n = good.len() + bad.len();
        let arrived = poll(8000.0, || checker.len() >= seen + n).await;
        let still_replaced = !globals_intact();
        restore.call0(&JsValue::UNDEFINED).expect("restore");
        assert!(globals_intact(), "restored");
        assert!(still_replaced, "{which:?} stayed replaced while checking");
        assert!(arrived, "{which:?}: every real message got a verdict");
        sleep(50).await;
        let got = checker.log.borrow()[seen..].to_vec();
        seen += n;
        assert_eq!(got.len(), n, "{which:?}: {got:#?}");
        // A valid message may fail closed (shape) or be read right; a
        // malformed one is never delivered.
        let ok_good = |v: Verdict, i: usize| {
            v == Verdict::Shape
                || v == [Verdict::Leave, Verdict::Message, Verdict::Leave][i % good.len()]
        };
        for (i, (is_good, verdict)) in direct.iter().enumerate() {
            let v = *verdict;
            if *is_good {
                assert!(ok_good(v, i % 9), "{which:?}: direct call {i}: {v:?}");
            } else {
                assert_eq!(v, Verdict::Shape, "{which:?}: direct call {i}");
            }
        }
        for (i, g) in got.iter().enumerate() {
            if i < good.len() {
                assert!(ok_good(g.verdict, i), "{which:?}: real {}: {g:?}", good[i]);
            } else {
                assert_eq!(
                    g.verdict,
                    Verdict::Shape,
                    "{which:?}: real {}",
                    bad[i - good.len()]
                );
            }
        }
        // Afterwards the same instance works, 1,000 times, and on real messages.
        for i in 0..1000 {
            let (m, want) = [
                (&good_values[0], Verdict::Leave),
                (&good_values[1], Verdict::Message),
                (&bad_values[0], Verdict::Shape),
            ][i % 3];
            assert_eq!(
                check(&origin, &origin, true, true, m),
                want,
                "{which:?}: call {i} afterwards"
            );
        }
        post_from_child(&iframe, &good_values[0]);
        post_from_child(&iframe, &bad_values[0]);
        let got = checker.settle(seen + 2).await;
        seen += 2;
        assert_eq!(
            got[seen - 2..],
            [Got::leave(&good[0]), Got::rejected(Verdict::Shape, &origin)],
            "{which:?}: real messages afterwards"
        );
    }
    assert_no_new_page_errors(errors_before);
    console_log!("replaced globals: {} ms", js_sys::Date::now() - start);
}
