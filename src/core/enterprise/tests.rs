use super::*;

/// The handbook's request lines (sections 3 to 8), copied verbatim.
const HANDBOOK_LINES: &[&str] = &[
    r#"POST "/enterprise_api/authenticate""#,
    r#"POST "/enterprise_api/company/create""#,
    r#"POST "/enterprise_api/company/fetch""#,
    r#"POST "/enterprise_api/company/fetch_all""#,
    r#"POST "/enterprise_api/company/update""#,
    r#"POST "/enterprise_api/conference/cancel""#,
    r#"POST "/enterprise_api/conference/create""#,
    r#"POST "/enterprise_api/conference/create/reservationless""#,
    r#"POST "/enterprise_api/conference/end""#,
    r#"POST "/enterprise_api/conference/fetch""#,
    r#"POST "/enterprise_api/conference/fetch_all""#,
    r#"POST "/enterprise_api/conference/fetch_livestream_viewer_count""#,
    r#"POST "/enterprise_api/conference/fetch_participant_details""#,
    r#"POST "/enterprise_api/conference/stop_streaming""#,
    r#"POST "/enterprise_api/conference/update""#,
    r#"POST "/enterprise_api/contact/create""#,
    r#"POST "/enterprise_api/contact/delete""#,
    r#"POST "/enterprise_api/contact/fetch""#,
    r#"POST "/enterprise_api/contact/fetch_all""#,
    r#"POST "/enterprise_api/contact/update""#,
    r#"POST "/enterprise_api/host/active_calls""#,
    r#"POST "/enterprise_api/host/cdrs""#,
    r#"POST "/enterprise_api/host/conferences""#,
    r#"POST "/enterprise_api/host/create""#,
    r#"POST "/enterprise_api/host/delete""#,
    r#"POST "/enterprise_api/host/fetch""#,
    r#"POST "/enterprise_api/host/fetch_all""#,
    r#"POST "/enterprise_api/host/resend_invitation""#,
    r#"POST "/enterprise_api/host/reset_password""#,
    r#"POST "/enterprise_api/host/update""#,
    r#"POST "/enterprise_api/subscription/cancel""#,
    r#"POST "/enterprise_api/subscription/create""#,
    r#"POST "/enterprise_api/subscription/fetch""#,
    r#"POST "/enterprise_api/subscription/fetch_products""#,
    r#"POST "/enterprise_api/subscription/reactivate""#,
    r#"POST "/enterprise_api/subscription/suspend""#,
    r#"PUT "/enterprise_api/subscription/update""#,
];

/// `(verb, method)` of a handbook line.
fn parse_line(line: &str) -> (&str, &str) {
    let (verb, rest) = line.split_once(' ').unwrap();
    let path = rest.trim_matches('"');
    (verb, path.strip_prefix("/enterprise_api/").unwrap())
}

#[test]
fn the_list_is_the_handbooks() {
    let mut from_handbook: Vec<&str> = HANDBOOK_LINES.iter().map(|l| parse_line(l).1).collect();
    let mut ours = METHODS.to_vec();
    from_handbook.sort_unstable();
    ours.sort_unstable();
    ours.dedup();
    assert_eq!(ours.len(), METHODS.len(), "duplicates in METHODS");
    assert_eq!(ours, from_handbook);
    for line in HANDBOOK_LINES {
        let (verb, method) = parse_line(line);
        assert_eq!(http_method(method), verb, "{line}");
    }
}

/// With `VIVO_HANDBOOK=<path of vivomeetings-partner-api.txt>`, the list is
/// also checked against the handbook's text itself.
#[test]
fn the_list_matches_the_handbook_file() {
    let Ok(path) = std::env::var("VIVO_HANDBOOK") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut found: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("\"/enterprise_api/"))
        .map(|l| l.to_owned())
        .collect();
    found.sort_unstable();
    found.dedup();
    assert_eq!(found, HANDBOOK_LINES);
}

#[test]
fn every_method_has_a_url() {
    let p = Platform::parse("acme.vivomeetings.com").unwrap();
    for method in METHODS {
        assert_eq!(
            method_url(&p, method).unwrap(),
            "https://acme.vivomeetings.com/enterprise_api/".to_owned() + method
        );
        assert!(method
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'/'));
    }
    let local = Platform::parse("http://localhost:8081").unwrap();
    assert_eq!(
        method_url(&local, "authenticate").unwrap(),
        "http://localhost:8081/enterprise_api/authenticate"
    );
}

/// Methods refused with `invalid_option` on `method`: anything but a plain
/// path of `[a-z_]` segments.
const BAD_METHODS: &[&str] = &[
    "",
    "host/Fetch",
    "HOST/FETCH",
    "/host/fetch",
    "host/fetch/",
    "host//fetch",
    "/",
    "..",
    "../oauth/token",
    "host/../oauth/token",
    "host/./fetch",
    "./host/fetch",
    "host/fetch?x=1",
    "host/fetch#x",
    "host%2Ffetch",
    "%2e%2e/oauth/token",
    "host\\fetch",
    "host/fetch ",
    " host/fetch",
    "host/\tfetch",
    "host/fetch\n",
    "host/fetch\u{0}",
    "host/fetch\u{a0}",
    "host/fetch\u{2028}",
    "høst/fetch",
];

/// Every method of the handbook is a plain path, so every one gets a URL.
#[test]
fn every_listed_method_is_a_plain_path() {
    for method in METHODS {
        assert!(
            method
                .split('/')
                .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')),
            "{method}"
        );
    }
}

#[test]
fn bad_methods() {
    let p = Platform::parse("acme.vivomeetings.com").unwrap();
    for &method in BAD_METHODS {
        let e = method_url(&p, method).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidOption, Some("method")),
            "{method:?}"
        );
        assert!(
            e.message().contains("method path"),
            "{method:?}: {}",
            e.message()
        );
    }
    let long = "host/".to_owned() + &"a".repeat(10_000);
    let e = method_url(&p, &long).unwrap_err();
    assert!(e.message().len() < 200);
}

/// (status, message, expected code or "", expected message)
const STATUSES: &[(u16, Option<&str>, &str, &str)] = &[
    (200, Some("OK"), "", ""),
    (201, None, "", ""),
    (204, None, "", ""),
    (299, None, "", ""),
    (
        401,
        Some("Invalid token"),
        "unauthorized",
        "HTTP 401: Invalid token",
    ),
    (401, None, "unauthorized", "HTTP 401"),
    (
        403,
        Some("Not allowed"),
        "forbidden",
        "HTTP 403: Not allowed",
    ),
    (
        404,
        Some("Host not found"),
        "not_found",
        "HTTP 404: Host not found",
    ),
    (
        500,
        Some("Internal error"),
        "api_error",
        "HTTP 500: Internal error",
    ),
    (400, Some(""), "api_error", "HTTP 400"),
    (422, Some("  "), "api_error", "HTTP 422"),
    (422, Some("\n\t"), "api_error", "HTTP 422"),
    (
        409,
        Some("a\nb\u{0}c\u{7f}d\u{85}e"),
        "api_error",
        "HTTP 409: abcde",
    ),
    (302, Some("Found"), "api_error", "HTTP 302: Found"),
    (100, None, "api_error", "HTTP 100"),
    (0, None, "api_error", "HTTP 0"),
    (300, None, "api_error", "HTTP 300"),
    (65535, Some("é李🎉"), "api_error", "HTTP 65535: é李🎉"),
];

#[test]
fn statuses() {
    for &(status, message, code, want) in STATUSES {
        match status_error(status, message) {
            None => assert_eq!(code, "", "{status}"),
            Some(e) => {
                assert_eq!(e.code().as_str(), code, "{status}");
                assert_eq!(e.message(), want, "{status}");
                assert_eq!(e.field(), None);
            }
        }
    }
}

#[test]
fn long_messages_are_cut() {
    let long = "é".repeat(1000);
    let e = status_error(500, Some(&long)).unwrap();
    let kept = e.message().strip_prefix("HTTP 500: ").unwrap();
    assert_eq!(kept, "é".repeat(MESSAGE_MAX) + "…");
    let exact = "x".repeat(MESSAGE_MAX);
    let e = status_error(500, Some(&exact)).unwrap();
    assert_eq!(e.message(), "HTTP 500: ".to_owned() + &exact);
}

/// The TypeScript union of the method paths, as the file must read.
fn typescript() -> String {
    let mut ts = String::from(
        "// Generated from METHODS in src/core/enterprise.rs by its test\n\
         // `typescript_union_is_current`: do not edit. Regenerate with\n\
         // VIVO_UPDATE_GENERATED=1 cargo test -p vivomeetings-embed --lib enterprise\n\n\
         /** An Enterprise API method path of the handbook (sections 3 to 8). */\n\
         export type EnterpriseMethod =\n",
    );
    for method in METHODS {
        ts.push_str("  | '");
        ts.push_str(method);
        ts.push('\'');
        ts.push_str(if method == METHODS[METHODS.len() - 1] {
            ";\n"
        } else {
            "\n"
        });
    }
    ts.push_str("\n/** The methods the handbook calls with PUT; all others use POST. */\n");
    ts.push_str("export type EnterprisePutMethod =");
    for method in PUT_METHODS {
        ts.push_str(" '");
        ts.push_str(method);
        ts.push('\'');
    }
    ts.push_str(";\n");
    ts
}

#[test]
fn typescript_union_is_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/core/enterprise_methods.d.ts"
    );
    let want = typescript();
    if std::env::var("VIVO_UPDATE_GENERATED").as_deref() == Ok("1") {
        std::fs::write(path, &want).unwrap();
        return;
    }
    let got = std::fs::read_to_string(path).unwrap_or_default();
    if got != want {
        let (got_lines, want_lines): (Vec<&str>, Vec<&str>) =
            (got.lines().collect(), want.lines().collect());
        let mut diff = String::new();
        for line in &got_lines {
            if !want_lines.contains(line) {
                diff.push_str("- ");
                diff.push_str(line);
                diff.push('\n');
            }
        }
        for line in &want_lines {
            if !got_lines.contains(line) {
                diff.push_str("+ ");
                diff.push_str(line);
                diff.push('\n');
            }
        }
        if diff.is_empty() {
            diff.push_str("(same lines, different order or spacing)\n");
        }
        panic!(
            "src/core/enterprise_methods.d.ts differs from METHODS \
             (- in the file, + in the Rust list); regenerate with \
             VIVO_UPDATE_GENERATED=1 cargo test -p vivomeetings-embed --lib enterprise\n{diff}"
        );
    }
}

proptest::proptest! {
    #[test]
    fn only_plain_paths_have_urls(method in "[a-z_/.%?# A-Z]{0,40}") {
        let p = Platform::parse("acme.vivomeetings.com").unwrap();
        let plain = !method.is_empty()
            && method.split('/').all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        match method_url(&p, &method) {
            Ok(url) => {
                proptest::prop_assert!(plain);
                // The token's request never leaves /enterprise_api/ on the platform.
                let parsed = url::Url::parse(&url).unwrap();
                proptest::prop_assert_eq!(parsed.origin().ascii_serialization(), "https://acme.vivomeetings.com");
                proptest::prop_assert!(parsed.path().starts_with("/enterprise_api/"));
                proptest::prop_assert_eq!(parsed.path(), format!("/enterprise_api/{method}"));
            }
            Err(_) => proptest::prop_assert!(!plain),
        }
    }

    #[test]
    fn status_errors_never_panic(status in 0u16..=u16::MAX, message in proptest::option::of("\\PC{0,400}|\\pC{0,50}")) {
        let e = status_error(status, message.as_deref());
        proptest::prop_assert_eq!(e.is_none(), (200..300).contains(&status));
        if let Some(e) = e {
            proptest::prop_assert!(!e.message().chars().any(char::is_control));
            proptest::prop_assert!(e.message().chars().count() <= 10 + 2 + MESSAGE_MAX + 1);
        }
    }
}
