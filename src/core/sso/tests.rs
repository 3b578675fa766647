use super::*;

fn acme() -> Platform {
    Platform::parse("acme.vivomeetings.com").unwrap()
}

/// Targets that must never be accepted, as `redirect_url` nor as `after_call_url`.
const HOSTILE: &[&str] = &[
    "",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\u{0}javascript:alert(1)",
    " javascript:alert(1)",
    "\u{1}javascript:alert(1)",
    "%6A%61vascript:alert(1)",
    "javascript://acme.vivomeetings.com/%0Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://evil.example/",
    "//evil.example",
    "//evil.example/conf/calls/upcoming",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:evil.example",
    "https://user@evil.example/",
    "https://acme.vivomeetings.com@evil.example/",
    "https://acme.vivomeetings.com\\@evil.example/",
    "https://evil.example\\acme.vivomeetings.com",
    " https://acme.vivomeetings.com/",
    "https://acme.vivomeetings.com /",
    "https://acme.vivomeetings.com/\u{7f}",
    "conf/calls/upcoming",
    "evil.example",
    "?next=//evil.example",
    "#//evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/conf/%2E%2e//evil.example",
];

#[test]
fn hostile_targets_are_unsafe_redirects() {
    let p = acme();
    for &url in HOSTILE {
        let e = check_redirect_url(&p, url).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::UnsafeRedirect, Some("redirectUrl")),
            "{url:?}"
        );
        let e = check_after_call_url(&p, url, None).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::UnsafeRedirect, Some("afterCallUrl")),
            "{url:?}"
        );
    }
}

/// (url, accepted as redirect_url, accepted as after_call_url)
const VERDICTS: &[(&str, bool, bool)] = &[
    ("/conf/calls/upcoming", true, true),
    (
        "/conf/call/123456?name=Steve+Irwin&skip_join=true",
        true,
        true,
    ),
    ("/conf/create", true, true),
    ("/", true, true),
    ("/conf/call/123456?next=../x", true, true),
    ("/a.b/c..d/...", true, true),
    ("https://acme.vivomeetings.com/conf/create", true, true),
    ("https://acme.vivomeetings.com", true, true),
    ("HTTPS://ACME.vivomeetings.com/x", true, true),
    ("https://acme.vivomeetings.com:443/x", true, true),
    ("https://acme.vivomeetings.com:8443/x", false, true),
    ("http://acme.vivomeetings.com/x", false, true),
    ("https://acme.vivomeetings.com.evil.io/", false, true),
    ("https://en.wikipedia.org", false, true),
    ("http://example.com/thanks?from=vivo#top", false, true),
    ("http://javascript:0/thisisfine", false, true),
    ("https://[::1]:8443/", false, true),
    ("https://bücher.example/", false, false),
    ("mailto:someone@example.com", false, false),
];

#[test]
fn verdicts() {
    let p = acme();
    for &(url, redirect_ok, after_ok) in VERDICTS {
        assert_eq!(
            check_redirect_url(&p, url).is_ok(),
            redirect_ok,
            "redirect {url:?}"
        );
        assert_eq!(
            check_after_call_url(&p, url, None).is_ok(),
            after_ok,
            "after-call {url:?}"
        );
    }
}

#[test]
fn loopback_platform_allows_its_own_http_origin() {
    let p = Platform::parse("http://localhost:8081").unwrap();
    assert!(check_redirect_url(&p, "http://localhost:8081/conf/calls/upcoming").is_ok());
    assert!(check_redirect_url(&p, "http://LOCALHOST:8081/").is_ok());
    assert!(check_redirect_url(&p, "https://localhost:8081/").is_err());
    assert!(check_redirect_url(&p, "http://localhost:8082/").is_err());
    assert!(check_redirect_url(&p, "http://127.0.0.1:8081/").is_err());
}

#[test]
fn after_call_hosts_allow_list() {
    let p = acme();
    let hosts = vec!["partner.example".to_owned(), "en.wikipedia.org".to_owned()];
    assert!(check_after_call_url(&p, "https://partner.example/done", Some(&hosts)).is_ok());
    assert!(check_after_call_url(&p, "https://EN.wikipedia.org", Some(&hosts)).is_ok());
    assert!(check_after_call_url(&p, "/conf/calls/upcoming", Some(&hosts)).is_ok());
    let e = check_after_call_url(&p, "https://evil.example/", Some(&hosts)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsafeRedirect);
    assert!(check_after_call_url(&p, "https://partner.example.evil.io/", Some(&hosts)).is_err());
}

#[test]
fn host_ids() {
    for (s, want) in [
        ("8", 8u64),
        ("9007199254740991", HOST_ID_MAX),
        ("1", 1),
        ("1000000000000000", 1_000_000_000_000_000),
    ] {
        assert_eq!(HostId::parse(s).unwrap().get(), want);
    }
    for bad in [
        "",
        "0",
        "08",
        "-8",
        "+8",
        " 8",
        "8 ",
        "8.0",
        "1e3",
        "9007199254740992",
        "99999999999999999999",
        "10000000000000000",
        "0000000000000001",
        "00",
        "1a",
        "٣",
        "８",
    ] {
        let e = HostId::parse(bad).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidHostId, Some("hostId")),
            "{bad:?}"
        );
    }
    assert_eq!(
        HostId::parse("08").unwrap_err().message(),
        "hostId: must be a positive integer, or its digits without a leading zero (got '08')"
    );
    assert!(HostId::new(0).is_err());
    assert!(HostId::new(HOST_ID_MAX + 1).is_err());
}

#[test]
fn tokens() {
    assert_eq!(
        LoginToken::parse("a1b2c3d4e5f6").unwrap().expose(),
        "a1b2c3d4e5f6"
    );
    assert!(LoginToken::parse(&"x".repeat(512)).is_ok());
    for bad in ["", "a b", "a\tb", "a\nb", "é", &"x".repeat(513)] {
        let e = LoginToken::parse(bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidToken, "{bad:?}");
    }
    // The value never reaches an error message or Debug output.
    let e = LoginToken::parse("secret value").unwrap_err();
    assert!(!e.message().contains("secret"));
    assert_eq!(
        format!("{:?}", LoginToken::parse("secret").unwrap()),
        "LoginToken(***)"
    );
}

#[test]
fn accepted_urls_round_trip_exactly_into_the_form_and_link() {
    let p = acme();
    for &(url, redirect_ok, after_ok) in VERDICTS {
        let base = SignIn::new(
            &p,
            HostId::new(8).unwrap(),
            LoginToken::parse("t0k").unwrap(),
            "/conf/create",
        )
        .unwrap();
        if after_ok {
            let req = base.after_call_url(url, None).unwrap();
            assert_eq!(req.fields()[3], ("after_call_url", url.to_owned()));
            let link = url::Url::parse(&req.get_url()).unwrap();
            let got: Vec<_> = link
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            assert_eq!(got[3], ("after_call_url".to_owned(), url.to_owned()));
        }
        if redirect_ok {
            let req = SignIn::new(
                &p,
                HostId::new(8).unwrap(),
                LoginToken::parse("t0k").unwrap(),
                url,
            )
            .unwrap();
            assert_eq!(req.fields()[2], ("redirect_url", url.to_owned()));
        }
    }
}

#[test]
fn handbook_fields_and_get_link() {
    let p = acme();
    let req = SignIn::new(
        &p,
        HostId::new(8).unwrap(),
        LoginToken::parse("a1b2c3d4e5f6").unwrap(),
        "/conf/create",
    )
    .unwrap();
    let names: Vec<&str> = req.fields().iter().map(|(k, _)| *k).collect();
    assert_eq!(names, ["host_id", "login_token_public_key", "redirect_url"]);
    assert_eq!(
        req.get_url(),
        "https://acme.vivomeetings.com/auth?host_id=8&login_token_public_key=a1b2c3d4e5f6&redirect_url=%2Fconf%2Fcreate"
    );
}

proptest::proptest! {
    /// Whatever is accepted as redirect_url lands on the platform's origin
    /// when a browser-grade URL parser resolves it against the platform.
    #[test]
    fn accepted_redirects_stay_on_the_platform(s in "[ -~\t\n]{0,40}|(https?:)?/{0,3}[a-z.@:\\\\/]{0,30}") {
        let p = acme();
        let base = url::Url::parse("https://acme.vivomeetings.com/auth").unwrap();
        if check_redirect_url(&p, &s).is_ok() {
            let resolved = base.join(&s).unwrap();
            proptest::prop_assert_eq!(resolved.origin().ascii_serialization(), "https://acme.vivomeetings.com");
        }
        if check_after_call_url(&p, &s, None).is_ok() {
            let resolved = base.join(&s).unwrap();
            proptest::prop_assert!(matches!(resolved.scheme(), "http" | "https"), "{}", s);
        }
    }
}

/// The GET link carries exactly the fields, in their order, form-encoded.
#[test]
fn get_url_is_the_fields_form_encoded() {
    let p = Platform::parse("acme.vivomeetings.com").unwrap();
    let base = SignIn::new(
        &p,
        HostId::new(9_007_199_254_740_991).unwrap(),
        LoginToken::parse("t~k&n=").unwrap(),
        "/conf/call/1?name=Zoë+Li%26",
    )
    .unwrap();
    let with_after = base
        .clone()
        .after_call_url("https://x.example/a?b=c", None)
        .unwrap();
    for req in [base, with_after] {
        let mut want = req.action().to_owned();
        for (i, (key, value)) in req.fields().iter().enumerate() {
            want.push(if i == 0 { '?' } else { '&' });
            want.push_str(key);
            want.push('=');
            crate::core::encode::form_encode_into(&mut want, value);
        }
        assert_eq!(req.get_url(), want);
    }
}
