//! Long runs of the message check (`vivomeetings_embed::wasm::check_message`,
//! with the JS listener's serializer) in headless Chromium: a thousand real
//! messages from one frame through one listener and one wasm instance,
//! thousands of checks of hostile values, and whether checking leaks JS
//! values or wasm memory.
//!
//! Run with `make test-browser` (headless Chromium, platform stand-in).

#![cfg(target_arch = "wasm32")]

mod browser_common;

use browser_common::*;
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// 1,000 real messages from one frame, valid and malformed in turn, each
/// checked by the same listener and the same wasm instance: every verdict
/// is right all along. (Memory is the subject of the next test.)
#[wasm_bindgen_test]
async fn a_thousand_real_messages_from_one_frame_get_the_right_verdicts() {
    let (_cleanup, iframe, _) = blank_frame();
    let checker = Checker::new(&iframe, &page_origin());
    let messages = [
        (json(&leave_json("blocked")), Verdict::Leave),
        (json(JOINED), Verdict::Message),
        (
            json(&format!(
                r#"{{"type":"{LEAVE}","reason":"left","a":{{"constructor":1}}}}"#
            )),
            Verdict::Shape,
        ),
        (json(r#"{"type":"x","list":[1,[2,[3]]]}"#), Verdict::Message),
    ];
    let start = js_sys::Date::now();
    // 50 rounds of 20 (five of each); the log is cleared each round.
    for round in 0..50 {
        for _ in 0..5 {
            for (m, _) in &messages {
                post_from_child(&iframe, m);
            }
        }
        wait_until(&format!("round {round}"), 8000.0, || checker.len() >= 20).await;
        let mut log = checker.log.borrow_mut();
        assert_eq!(log.len(), 20, "round {round}");
        for (i, got) in log.iter().enumerate() {
            let want = messages[i % messages.len()].1;
            assert_eq!(got.verdict, want, "round {round}, message {i}");
        }
        log.clear();
    }
    console_log!("1,000 real messages: {} ms", js_sys::Date::now() - start);
}

/// api-contract.md, Robustness: no sequence of calls leaves the library
/// broken, and wasm memory stays bounded. After a warm-up, checking 300
/// ordinary real messages and 3,000 ordinary values must not grow the wasm
/// memory nor wasm-bindgen's table of JS values.
///
///
/// (Failed before ce496c5: the old walker's `catch` imports threw for every
/// string, and each caught exception kept an externref slot, about 8 per
/// leave message: 27,500 slots over this test.)
#[wasm_bindgen_test]
async fn checking_messages_leaks_no_js_values_and_no_wasm_memory() {
    let (_cleanup, iframe, _) = blank_frame();
    let origin = page_origin();
    let checker = Checker::new(&iframe, &origin);
    let messages = [
        json(&leave_json("left")),
        json(JOINED),
        json(&format!(
            r#"{{"type":"{LEAVE}","reason":"left","a":{{"constructor":1}}}}"#
        )),
    ];
    let mut memory = 0.0;
    let mut live = 0;
    // 110 rounds of 3 real messages (and 30 direct checks) each; measured
    // from round 10 on, so 300 messages and 3,000 checks.
    for round in 0..110 {
        if round == 10 {
            memory = wasm_memory_bytes();
            live = wasm_bindgen::externref_heap_live_count();
        }
        for m in &messages {
            post_from_child(&iframe, m);
            for _ in 0..10 {
                check(&origin, &origin, true, true, m);
            }
        }
        wait_until(&format!("round {round}"), 8000.0, || {
            checker.len() >= messages.len()
        })
        .await;
        checker.log.borrow_mut().clear();
    }
    let leaked = wasm_bindgen::externref_heap_live_count() - live;
    let grown = wasm_memory_bytes() - memory;
    assert_eq!(
        (leaked, grown),
        (0, 0.0),
        "JS values leaked, and wasm memory grown (bytes), over 300 real messages and 3,000 checks"
    );
}

/// The same without frames: thousands of checks of values only a script
/// can make (Proxies with throwing traps, throwing getters, revoked
/// Proxies, cycles…), and the instance still answers right.
#[wasm_bindgen_test]
async fn thousands_of_checks_of_hostile_values_leave_the_instance_working() {
    let origin = page_origin();
    let values = unclonable_values();
    let leave = json(&leave_json("left"));
    let start = js_sys::Date::now();
    for round in 0..50 {
        // Yields to the event loop now and then: the test runner polls the page.
        if round % 5 == 0 {
            sleep(0).await;
        }
        for row in values.iter() {
            let row: Array = row.unchecked_into();
            // The large rows (tens of thousands of keys) in the first round only.
            if row.get(3).is_truthy() && round > 0 {
                continue;
            }
            let v = check(&origin, &origin, true, true, &row.get(1));
            assert_eq!(v, Verdict::Shape, "round {round}: {:?}", row.get(0));
        }
    }
    for _ in 0..1000 {
        assert_eq!(check(&origin, &origin, true, true, &leave), Verdict::Leave);
    }
    console_log!("thousands of checks: {} ms", js_sys::Date::now() - start);
}
