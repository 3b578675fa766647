use super::*;
use proptest::prelude::*;

fn acme() -> Platform {
    Platform::parse("acme.vivomeetings.com").unwrap()
}

fn code() -> AccessCode {
    AccessCode::parse("123456").unwrap()
}

/// The query's pairs, decoded by the URL Standard's own parser.
fn parsed_pairs(url: &str) -> Vec<(String, String)> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn handbook_examples_verbatim() {
    // 9.1: name=Steve+Irwin&skip_join=true
    let opts = MeetingOptions::new().name("Steve Irwin").skip_join(true);
    assert_eq!(
        meeting_url(&acme(), &code(), &opts).unwrap(),
        "https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin&skip_join=true"
    );
    // 9.1, camera off: ...&mute=camera
    let opts = opts.mute(Device::Camera);
    assert_eq!(
        meeting_url(&acme(), &code(), &opts).unwrap(),
        "https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin&skip_join=true&mute=camera"
    );
    // 9.3: strip_layout=true&skip_join=true (same set; our order is fixed)
    let opts = MeetingOptions::new().strip_layout(true).skip_join(true);
    let url = meeting_url(&acme(), &code(), &opts).unwrap();
    let mut got = parsed_pairs(&url);
    got.sort();
    assert_eq!(
        got,
        pairs(&[("skip_join", "true"), ("strip_layout", "true")])
    );
    // 9.2
    assert_eq!(
        livestream_url(&acme(), &code()),
        "https://acme.vivomeetings.com/livestream/123456"
    );
}

#[test]
fn every_option_in_the_documented_order() {
    let opts = MeetingOptions {
        name: Some("Ann".into()),
        skip_join: true,
        observer: true,
        mute_camera: true,
        mute_mic: true,
        view: Some(View::LeftSideSpeaker),
        strip_layout: true,
        params: pairs(&[("hide_chat", "1"), ("a b", "c&d")]),
    };
    assert_eq!(
        opts.query().unwrap(),
        "name=Ann&skip_join=true&observer=true&mute=camera,mic&view=left_side_speaker&strip_layout=true&hide_chat=1&a+b=c%26d"
    );
    assert_eq!(
        MeetingOptions::new().mute(Device::Mic).query().unwrap(),
        "mute=mic"
    );
    assert_eq!(MeetingOptions::new().query().unwrap(), "");
    assert_eq!(
        meeting_url(&acme(), &code(), &MeetingOptions::new()).unwrap(),
        "https://acme.vivomeetings.com/conf/call/123456"
    );
}

#[test]
fn names_round_trip_through_a_url_parser() {
    let long = "Ann ".repeat(250);
    let names = [
        "Steve Irwin",
        "a&b=c",
        "#hash",
        "1+1=2",
        "100% sure",
        "  spaced  ",
        "Zoë Ünal",
        "李雷",
        "🎉 party 👩‍👩‍👧",
        "quote'\"<>",
        "semi;colon,comma/slash?",
        long.trim_end(),
    ];
    for name in names {
        let url = meeting_url(&acme(), &code(), &MeetingOptions::new().name(name)).unwrap();
        assert_eq!(parsed_pairs(&url), pairs(&[("name", name)]), "{name}");
        assert!(!url.contains(' ') && !url.contains('#'), "{url}");
    }
}

/// (options, expected error code, expected field)
#[test]
fn bad_options_are_errors() {
    let cases: Vec<(MeetingOptions, &str, &str)> = vec![
        (MeetingOptions::new().name(""), "invalid_option", "name"),
        (
            MeetingOptions::new().name("a\u{0}b"),
            "invalid_option",
            "name",
        ),
        (MeetingOptions::new().name("a\nb"), "invalid_option", "name"),
        (
            MeetingOptions::new().name("x".repeat(1001)),
            "invalid_option",
            "name",
        ),
        (
            MeetingOptions::new().param("name", "x"),
            "param_conflict",
            "params.name",
        ),
        (
            MeetingOptions::new().param("SKIP_JOIN", "x"),
            "param_conflict",
            "params.SKIP_JOIN",
        ),
        (
            MeetingOptions::new().param("Strip_Layout", "x"),
            "param_conflict",
            "params.Strip_Layout",
        ),
        (
            MeetingOptions::new().param("", "x"),
            "invalid_option",
            "params",
        ),
        (
            MeetingOptions::new().param("k", "a\rb"),
            "invalid_option",
            "params.k",
        ),
    ];
    for (opts, code, field) in cases {
        let e = opts.query().unwrap_err();
        assert_eq!(
            (e.code().as_str(), e.field()),
            (code, Some(field)),
            "{opts:?}"
        );
    }
}

#[test]
fn access_codes() {
    for ok in ["1", "123456", "aB-_9", &"x".repeat(64)] {
        assert_eq!(AccessCode::parse(ok).unwrap().as_str(), ok);
    }
    for bad in [
        "",
        "12/34",
        "..",
        "a?b",
        "a#b",
        "a b",
        "a%2F",
        "a\u{0}",
        "é",
        &"x".repeat(65),
        "a.b",
    ] {
        let e = AccessCode::parse(bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidAccessCode, "{bad:?}");
        assert_eq!(e.field(), Some("accessCode"));
    }
    assert_eq!(AccessCode::from_number(1234567).as_str(), "1234567");
}

#[test]
fn views_and_devices() {
    for v in View::ALL {
        assert_eq!(View::parse(v.as_str()).unwrap(), v);
    }
    assert_eq!(
        View::parse("grid").unwrap_err().message(),
        "view: must be 'gallery', 'bottom_speaker' or 'left_side_speaker' (got 'grid')"
    );
    assert_eq!(Device::parse("camera", "mute[0]").unwrap(), Device::Camera);
    assert_eq!(
        Device::parse("Mic", "mute[1]").unwrap_err().field(),
        Some("mute[1]")
    );
}

/// The wasm's `room_options` parses a device without a field and names
/// `mute[i]` only on error, with `within`: the same error as naming it upfront.
#[test]
fn device_error_within_its_field_is_the_same_error() {
    for token in ["Mic", "", "camera,mic", "\u{1}x", "é"] {
        assert_eq!(
            Device::parse(token, "").unwrap_err().within("mute[12]"),
            Device::parse(token, "mute[12]").unwrap_err(),
            "{token:?}"
        );
    }
}

#[test]
fn pages() {
    let p = acme();
    assert_eq!(
        page_url(&p, "/conf/calls/upcoming").unwrap(),
        "https://acme.vivomeetings.com/conf/calls/upcoming"
    );
    assert_eq!(
        page_url(&p, "/conf/x?a=1#top").unwrap(),
        "https://acme.vivomeetings.com/conf/x?a=1#top"
    );
    assert_eq!(
        page_url(&p, "/wiki/Zoë").unwrap(),
        "https://acme.vivomeetings.com/wiki/Zo%C3%AB"
    );
    for bad in [
        "",
        "conf",
        "//evil.example",
        "/\\evil.example",
        "/a b",
        "/a\tb",
        "https://evil.example/",
        "/a\\b",
        "/.//evil.example",
        "/..//evil.example",
        "/a/%2e%2E//evil.example",
        "/a/./b",
        "/a/..",
        "/a/.%2e?x=1",
    ] {
        let e = page_url(&p, bad).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidOption, Some("path")),
            "{bad:?}"
        );
    }
}

#[test]
fn meeting_rooms_from_urls() {
    let room = MeetingRoom::parse("https://company.reseller.tld/conf/call/1234567").unwrap();
    assert_eq!(room.platform.origin(), "https://company.reseller.tld");
    assert_eq!(room.code.as_str(), "1234567");
    assert!(room.params.is_empty());
    let room =
        MeetingRoom::parse("https://company.reseller.tld/conf/call/1234567/?a=b+c&d").unwrap();
    assert_eq!(room.params, pairs(&[("a", "b c"), ("d", "")]));
    let cases = [
        (
            "company.reseller.tld/conf/call/1",
            "invalid_option",
            "meetingUrl",
        ),
        (
            "https://company.reseller.tld/livestream/1",
            "invalid_option",
            "meetingUrl",
        ),
        (
            "https://company.reseller.tld/conf/call/1#x",
            "invalid_option",
            "meetingUrl",
        ),
        (
            "https://company.reseller.tld/conf/call/",
            "invalid_access_code",
            "meetingUrl.accessCode",
        ),
        (
            "https://company.reseller.tld/conf/call/1/2",
            "invalid_access_code",
            "meetingUrl.accessCode",
        ),
        (
            "http://company.reseller.tld/conf/call/1",
            "insecure_domain",
            "meetingUrl.domain",
        ),
        (
            "ftp://company.reseller.tld/conf/call/1",
            "invalid_domain",
            "meetingUrl.domain",
        ),
        (
            "https://company.reseller.tld/conf/call/1?a=%C3",
            "invalid_option",
            "meetingUrl",
        ),
    ];
    for (url, code, field) in cases {
        let e = MeetingRoom::parse(url).unwrap_err();
        assert_eq!((e.code().as_str(), e.field()), (code, Some(field)), "{url}");
    }
}

fn arb_options() -> impl Strategy<Value = MeetingOptions> {
    (
        proptest::option::of("\\PC{1,40}"),
        any::<[bool; 5]>(),
        proptest::option::of(0usize..3),
        proptest::collection::vec(("[a-z][a-z_]{0,10}", "\\PC{0,20}"), 0..4),
    )
        .prop_map(|(name, b, view, params)| MeetingOptions {
            name,
            skip_join: b[0],
            observer: b[1],
            mute_camera: b[2],
            mute_mic: b[3],
            view: view.map(|i| View::ALL[i]),
            strip_layout: b[4],
            params,
        })
}

proptest! {
    /// Any accepted options give a URL that parses back to the same options.
    #[test]
    fn accepted_options_round_trip(opts in arb_options()) {
        let Ok(url) = meeting_url(&acme(), &code(), &opts) else { return Ok(()); };
        let parsed = url::Url::parse(&url).unwrap();
        prop_assert_eq!(parsed.path(), "/conf/call/123456");
        let got = parsed_pairs(&url);
        let find = |k: &str| got.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        prop_assert_eq!(find("name"), opts.name.as_deref());
        prop_assert_eq!(find("skip_join").is_some(), opts.skip_join);
        prop_assert_eq!(find("observer").is_some(), opts.observer);
        prop_assert_eq!(find("strip_layout").is_some(), opts.strip_layout);
        prop_assert_eq!(find("view"), opts.view.map(View::as_str));
        let mute: Vec<&str> = find("mute").map(|m| m.split(',').collect()).unwrap_or_default();
        prop_assert_eq!(mute.contains(&"camera"), opts.mute_camera);
        prop_assert_eq!(mute.contains(&"mic"), opts.mute_mic);
        prop_assert_eq!(&got[got.len() - opts.params.len()..], &opts.params[..]);
        // The same URL parsed as a meeting-room URL gives the same pairs back.
        let room = MeetingRoom::parse(&url).unwrap();
        prop_assert_eq!(room.params, got);
    }

    /// No input string panics any parser.
    #[test]
    fn no_input_panics(s in "\\PC{0,80}|[/:?#@\\[\\]%.a-z0-9]{0,40}") {
        let _ = Platform::parse(&s);
        let _ = AccessCode::parse(&s);
        let _ = View::parse(&s);
        let _ = page_url(&acme(), &s);
        let _ = MeetingRoom::parse(&s);
        let _ = MeetingOptions::new().name(s.clone()).param(s.clone(), s.clone()).query();
    }
}

/// `code field: message` of an error, or the URL built.
fn outcome(r: Result<String>) -> String {
    match r {
        Ok(url) => url,
        Err(e) => format!("{} {:?}: {}", e.code().as_str(), e.field(), e.message()),
    }
}

/// Which error wins when a meeting-room URL has several faults, and how
/// `room_url` turns origin errors into "not on the platform's origin".
#[test]
fn room_urls_and_their_errors() {
    let acme = acme();
    let opts = MeetingOptions::new().param("x", "1");
    let mut got = Vec::new();
    for url in [
        "https://acme.vivomeetings.com/conf/call/123?a=b",
        "https://acme.vivomeetings.com:443/conf/call/123/",
        "https://company.reseller.tld/conf/call/1",
        "http://company.reseller.tld/conf/call/1#f",
        "ftp://acme.vivomeetings.com/conf/call/1",
        "https://acme.vivomeetings.com/conf/call/1#f?a=%C3",
        "https://acme.vivomeetings.com/x#f",
        "https://acme.vivomeetings.com/x?a=%C3",
        "https://acme.vivomeetings.com/conf/call/",
        "https://acme.vivomeetings.com/conf/call/1?a=%C3",
        "https://acme.vivomeetings.com/conf/call/1?%FF=b",
        "https://acme.vivomeetings.com/conf/call/1?&&a&=&b=c=d&%zz=%41",
        "https://acme.vivomeetings.com/conf/call/1?skip_join=1",
        "https://@acme.vivomeetings.com/conf/call/1",
        "https://acme.vivomeetings.com\\conf/call/1",
        "https://acme.vivomeetings.com?conf/call/1",
        "https:///conf/call/1",
        "acme.vivomeetings.com/conf/call/1",
        "https://acme.vivomeetings.com/conf/call/1 ",
        "",
    ] {
        got.push(outcome(MeetingRoom::parse(url).map(|r| {
            format!("{} {} {:?}", r.platform.origin(), r.code.as_str(), r.params)
        })));
        got.push(outcome(room_url(
            Some(&acme),
            None,
            Some(url),
            opts.clone(),
        )));
        got.push(outcome(room_url(None, None, Some(url), opts.clone())));
    }
    for (platform, code, url) in [
        (
            Some(&acme),
            Some("123"),
            Some("https://acme.vivomeetings.com/conf/call/1"),
        ),
        (None, Some("123"), Some("x")),
        (Some(&acme), Some("123"), None),
        (Some(&acme), Some("../x"), None),
        (Some(&acme), None, None),
        (None, Some("123"), None),
        (None, None, None),
    ] {
        got.push(outcome(room_url(platform, code, url, opts.clone())));
    }
    let want: &[&str] = &[
        r#"https://acme.vivomeetings.com 123 [("a", "b")]"#,
        r#"https://acme.vivomeetings.com/conf/call/123?a=b&x=1"#,
        r#"https://acme.vivomeetings.com/conf/call/123?a=b&x=1"#,
        r#"https://acme.vivomeetings.com 123 []"#,
        r#"https://acme.vivomeetings.com/conf/call/123?x=1"#,
        r#"https://acme.vivomeetings.com/conf/call/123?x=1"#,
        r#"https://company.reseller.tld 1 []"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: is not on the platform's origin (got 'https://company.reseller.tld/conf/call/1')"#,
        r#"https://company.reseller.tld/conf/call/1?x=1"#,
        r#"insecure_domain Some("meetingUrl.domain"): meetingUrl.domain: must use https:// (http:// only on localhost, 127.0.0.1, [::1]) (got 'http://company.reseller.tld')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: is not on the platform's origin (got 'http://company.reseller.tld/conf/call/1#f')"#,
        r#"insecure_domain Some("meetingUrl.domain"): meetingUrl.domain: must use https:// (http:// only on localhost, 127.0.0.1, [::1]) (got 'http://company.reseller.tld')"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: must use https:// (http:// on loopback) (got 'ftp://acme.vivomeetings.com')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: is not on the platform's origin (got 'ftp://acme.vivomeetings.com/conf/call/1')"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: must use https:// (http:// on loopback) (got 'ftp://acme.vivomeetings.com')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/conf/call/1#f?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/conf/call/1#f?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/conf/call/1#f?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/x#f')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/x#f')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not have a fragment (got 'https://acme.vivomeetings.com/x#f')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com/x?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com/x?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com/x?a=%C3')"#,
        r#"invalid_access_code Some("meetingUrl.accessCode"): meetingUrl.accessCode: must not be empty"#,
        r#"invalid_access_code Some("meetingUrl.accessCode"): meetingUrl.accessCode: must not be empty"#,
        r#"invalid_access_code Some("meetingUrl.accessCode"): meetingUrl.accessCode: must not be empty"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?a=%C3')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?%FF=b')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?%FF=b')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: has a query that is not UTF-8 (got 'https://acme.vivomeetings.com/conf/call/1?%FF=b')"#,
        r#"https://acme.vivomeetings.com 1 [("a", ""), ("", ""), ("b", "c=d"), ("%zz", "A")]"#,
        r#"invalid_option Some("params"): params: keys must not be empty"#,
        r#"invalid_option Some("params"): params: keys must not be empty"#,
        r#"https://acme.vivomeetings.com 1 [("skip_join", "1")]"#,
        r#"param_conflict Some("params.skip_join"): params.skip_join: is a typed option: set it instead"#,
        r#"param_conflict Some("params.skip_join"): params.skip_join: is a typed option: set it instead"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: must not contain user info (…@) (got 'https://@acme.vivomeetings.com')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: is not on the platform's origin (got 'https://@acme.vivomeetings.com/conf/call/1')"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: must not contain user info (…@) (got 'https://@acme.vivomeetings.com')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com\conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com\conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com\conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com?conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com?conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a meeting-room URL (…/conf/call/<code>) (got 'https://acme.vivomeetings.com?conf/call/1')"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: has no host (got 'https://')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: is not on the platform's origin (got 'https:///conf/call/1')"#,
        r#"invalid_domain Some("meetingUrl.domain"): meetingUrl.domain: has no host (got 'https://')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got 'acme.vivomeetings.com/conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got 'acme.vivomeetings.com/conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got 'acme.vivomeetings.com/conf/call/1')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not contain spaces or control characters (got 'https://acme.vivomeetings.com/conf/call/1 ')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not contain spaces or control characters (got 'https://acme.vivomeetings.com/conf/call/1 ')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must not contain spaces or control characters (got 'https://acme.vivomeetings.com/conf/call/1 ')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got '')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got '')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: must be a full https:// meeting-room URL (got '')"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: give either accessCode or meetingUrl, not both"#,
        r#"invalid_option Some("meetingUrl"): meetingUrl: give either accessCode or meetingUrl, not both"#,
        r#"https://acme.vivomeetings.com/conf/call/123?x=1"#,
        r#"invalid_access_code Some("accessCode"): accessCode: must be 1 to 64 letters, digits, '-' or '_' (got '../x')"#,
        r#"invalid_access_code Some("accessCode"): accessCode: is required"#,
        r#"invalid_domain Some("domain"): domain: is required, e.g. 'acme.vivomeetings.com'"#,
        r#"invalid_domain Some("domain"): domain: is required, e.g. 'acme.vivomeetings.com'"#,
    ];
    assert_eq!(got, want);
}

/// The field a too-long URL is blamed on: the first form-encoded value
/// (`name` or a param) that ends past [`URL_MAX`]; the flags after the
/// name count against the name. No URL is ever longer than `URL_MAX`.
#[test]
fn too_long_urls_name_the_first_field_past_the_limit() {
    let room = URL_MAX - "https://acme.vivomeetings.com/conf/call/123456?".len();
    // A value for `p` that leaves `extra` characters of room.
    let fits = |extra: usize| "v".repeat(room - "p=".len() - extra);
    // 678 emoji (12 encoded bytes each) leave 4 characters of room.
    let long_name = "😀".repeat(678);
    let cases = [
        // Exactly at the limit, then one past it.
        (MeetingOptions::new().param("p", fits(0)), None),
        (
            MeetingOptions::new().param("p", fits(0) + "v"),
            Some("params.p"),
        ),
        // An `é` counts as `%C3%A9`.
        (
            MeetingOptions::new().param("p", fits(1) + "é"),
            Some("params.p"),
        ),
        (MeetingOptions::new().param("p", fits(6) + "é"), None),
        (MeetingOptions::new().name(long_name.clone()), None),
        // Past it by the name, then by a later param too: the name.
        (
            MeetingOptions::new()
                .name(long_name.clone() + "😀")
                .param("k", "v"),
            Some("name"),
        ),
        // The name fits, a flag after it does not: the name is blamed.
        (
            MeetingOptions::new()
                .name(long_name.clone())
                .skip_join(true),
            Some("name"),
        ),
        (
            MeetingOptions::new()
                .name(long_name.clone())
                .skip_join(true)
                .param("a", "")
                .param("b", ""),
            Some("name"),
        ),
        // `&ab=` fills the 4 characters left; `&abc=` is one too many.
        (
            MeetingOptions::new()
                .name(long_name.clone())
                .param("ab", ""),
            None,
        ),
        (
            MeetingOptions::new()
                .name(long_name.clone())
                .param("abc", ""),
            Some("params.abc"),
        ),
        (
            MeetingOptions::new()
                .param("a", "b")
                .param("long", fits(0))
                .param("c", "d"),
            Some("params.long"),
        ),
        // Invalid options win over a too-long URL.
        (
            MeetingOptions::new()
                .param("p", fits(0) + "v")
                .param("view", "x"),
            Some("params.view"),
        ),
    ];
    for (i, (opts, want)) in cases.into_iter().enumerate() {
        let got = meeting_url(&acme(), &code(), &opts);
        match want {
            None => assert!(got.is_ok_and(|url| url.len() <= URL_MAX), "case {i}"),
            Some(field) => assert_eq!(got.unwrap_err().field(), Some(field), "case {i}"),
        }
    }
    let at_limit = meeting_url(&acme(), &code(), &MeetingOptions::new().param("p", fits(0)));
    assert_eq!(at_limit.unwrap().len(), URL_MAX);
    let e = meeting_url(
        &acme(),
        &code(),
        &MeetingOptions::new().param("p", fits(0) + "v"),
    );
    assert_eq!(
        e.unwrap_err().message(),
        "params.p: makes the URL longer than 8192 characters"
    );
}
