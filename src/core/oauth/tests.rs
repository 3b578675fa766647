use super::*;

const STATE: &str = "c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA";
const OTHER_STATE: &str = "b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVyMDA";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const REDIRECT: &str = "https://app.example/oauth/callback";
const CREATED: u64 = 1_700_000_000_000;
const NOW: u64 = CREATED + 5_000;

fn acme() -> Platform {
    Platform::parse("acme.vivomeetings.com").unwrap()
}

/// `Ok` as `"ok"`, an error as `"<code>:<field>"`.
fn verdict(r: Result<()>) -> String {
    match r {
        Ok(()) => "ok".to_owned(),
        Err(e) => e.code().as_str().to_owned() + ":" + e.field().unwrap_or(""),
    }
}

const CLIENT_IDS: &[(&str, bool)] = &[
    ("0LnnLKxGjcjU_btg6d2xD46RWmQlCCbNpgEk2FQAuco", true),
    ("a", true),
    ("!~", true),
    ("app-1.partner/x", true),
    ("", false),
    ("my app", false),
    (" app", false),
    ("app\t", false),
    ("app\u{7f}", false),
    ("zoë", false),
    ("a\u{0}b", false),
];

#[test]
fn client_ids() {
    let long_ok = "a".repeat(256);
    let long_bad = "a".repeat(257);
    let rows = CLIENT_IDS
        .iter()
        .copied()
        .chain([(long_ok.as_str(), true), (long_bad.as_str(), false)]);
    for (input, ok) in rows {
        let want = if ok { "ok" } else { "invalid_option:clientId" };
        assert_eq!(verdict(check_client_id(input)), want, "{input:?}");
    }
}

const SCOPES: &[(&str, bool)] = &[
    ("read,write", true),
    ("read", true),
    ("read write", true),
    ("public admin:read", true),
    ("!#[]~", true),
    ("", false),
    (" ", false),
    (" read", false),
    ("read ", false),
    ("read  write", false),
    ("read\twrite", false),
    ("read\nwrite", false),
    ("read\"", false),
    ("read\\write", false),
    ("lesen,schreiben,löschen", false),
];

#[test]
fn scopes() {
    let long_ok = "a".repeat(256);
    let long_bad = "a".repeat(257);
    let rows = SCOPES
        .iter()
        .copied()
        .chain([(long_ok.as_str(), true), (long_bad.as_str(), false)]);
    for (input, ok) in rows {
        let want = if ok { "ok" } else { "invalid_option:scope" };
        assert_eq!(verdict(check_scope(input)), want, "{input:?}");
    }
}

const STATES: &[(&str, bool)] = &[
    (STATE, true),
    (CHALLENGE, true),
    ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true),
    ("___________________________________________0", false),
    ("__________________________________________0", true),
    ("__________________________________________-", false),
    ("__________________________________________B", false),
    ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false),
    ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false),
    ("AAAAAAAAAAAAAAAAAAAA+AAAAAAAAAAAAAAAAAAAAAA", false),
    ("AAAAAAAAAAAAAAAAAAAA/AAAAAAAAAAAAAAAAAAAAAA", false),
    ("AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAA", false),
    ("", false),
    ("constructor", false),
    ("__proto__", false),
];

#[test]
fn states_and_challenges() {
    for &(input, ok) in STATES {
        let want = if ok { "ok" } else { "invalid_option:state" };
        assert_eq!(verdict(check_state(input)), want, "{input:?}");
        let mut req = AuthorizeRequest::new("app", REDIRECT, STATE);
        req.code_challenge = Some(input);
        let want = if ok {
            "ok"
        } else {
            "invalid_option:codeChallenge"
        };
        assert_eq!(
            verdict(authorize_url(&acme(), &req).map(drop)),
            want,
            "{input:?}"
        );
        if !ok {
            let e = check_state(input).unwrap_err();
            assert!(input.is_empty() || !e.message().contains(input));
        }
    }
}

const REDIRECT_URIS: &[(&str, bool)] = &[
    ("https://app.example/oauth/callback", true),
    ("https://app.example", true),
    ("https://app.example/", true),
    ("HTTPS://App.Example:443/cb", true),
    ("https://app.example:8443/cb", true),
    ("https://app.example/cb?tab=2&x=%20y", true),
    ("https://app.example/a%2Fb/c", true),
    ("https://app.example/.well-known/cb", true),
    ("https://app.example/a..b/cb", true),
    ("https://10.0.0.1/cb", true),
    ("http://localhost:3000/callback", true),
    ("http://localhost/callback", true),
    ("http://app.localhost/cb", true),
    ("http://127.0.0.1:8080/cb", true),
    ("http://[::1]:8080/cb", true),
    ("", false),
    ("/oauth/callback", false),
    ("//app.example/cb", false),
    ("app.example/cb", false),
    ("https:app.example/cb", false),
    ("https:/app.example/cb", false),
    ("ftp://app.example/cb", false),
    ("javascript://app.example/%0Aalert(1)", false),
    ("http://app.example/cb", false),
    ("http://10.0.0.1/cb", false),
    ("http://localhost.evil.example/cb", false),
    ("https://app.example/cb#frag", false),
    ("https://app.example/cb#", false),
    ("https://user@app.example/cb", false),
    ("https://user:pw@app.example/cb", false),
    ("https://app.example@evil.example/cb", false),
    ("https://app.example\\@evil.example/cb", false),
    ("https://app.example\\cb", false),
    ("https://app.example/c b", false),
    (" https://app.example/cb", false),
    ("https://app.example/cb\n", false),
    ("https://app.example/cb\t", false),
    ("https://app.example/c\u{0}b", false),
    ("https://app.example/c\u{85}b", false),
    ("https://app.example/zoë", false),
    ("https://app.example/\"cb\"", false),
    ("https://app.example/<cb>", false),
    ("https://app.example/{cb}", false),
    ("https://app.example/`cb`", false),
    ("https://app.example/a^b", false),
    ("https://app.example/a|b!$&'()*+,;=:@~-._", true),
    ("https://app.example/a/../cb", false),
    ("https://app.example/./cb", false),
    ("https://app.example/a/%2e%2E/cb", false),
    ("https://app.example/a/.%2e", false),
    ("https://app.example/a/..", false),
    ("https://app.example:0/cb", false),
    ("https://app.example:65536/cb", false),
    ("https://", false),
    ("https:///cb", false),
    ("https://[::2]/cb", false),
    ("https://1.2.3/cb", false),
];

#[test]
fn redirect_uris() {
    let long_ok = "https://app.example/".to_owned() + &"a".repeat(2000 - 20);
    let long_bad = long_ok.clone() + "a";
    let rows = REDIRECT_URIS
        .iter()
        .copied()
        .chain([(long_ok.as_str(), true), (long_bad.as_str(), false)]);
    for (input, ok) in rows {
        let want = if ok {
            "ok"
        } else {
            "invalid_option:redirectUri"
        };
        assert_eq!(verdict(check_redirect_uri(input)), want, "{input:?}");
    }
}

/// Every accepted redirect URI is one the URL Standard parses to the same
/// origin and path, so a browser's `location.href` for it will match.
#[test]
fn redirect_uris_agree_with_the_url_standard() {
    for &(input, ok) in REDIRECT_URIS {
        if !ok {
            continue;
        }
        let parsed = url::Url::parse(input).unwrap();
        let parts = split_url(input).unwrap();
        assert_eq!(
            parts.origin.origin(),
            parsed.origin().ascii_serialization(),
            "{input}"
        );
        assert_eq!(parts.path, parsed.path(), "{input}");
        assert_eq!(parts.query, parsed.query(), "{input}");
    }
}

/// (response type, scope, challenge, expected URL)
const AUTHORIZE_URLS: &[(ResponseType, &str, Option<&str>, &str)] = &[
    (
        ResponseType::Code,
        DEFAULT_SCOPE,
        None,
        "https://acme.vivomeetings.com/oauth/authorize?client_id=app-1&redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&response_type=code&scope=read%2Cwrite&state=c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA",
    ),
    (
        ResponseType::Token,
        "read write",
        None,
        "https://acme.vivomeetings.com/oauth/authorize?client_id=app-1&redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&response_type=token&scope=read+write&state=c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA",
    ),
    (
        ResponseType::Code,
        "read",
        Some(CHALLENGE),
        "https://acme.vivomeetings.com/oauth/authorize?client_id=app-1&redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&response_type=code&scope=read&state=c3RhdGVzdGF0ZXN0YXRlc3RhdGVzdGF0ZXN0YXRlMDA&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
    ),
];

#[test]
fn authorize_urls() {
    for &(response_type, scope, code_challenge, want) in AUTHORIZE_URLS {
        let req = AuthorizeRequest {
            client_id: "app-1",
            redirect_uri: REDIRECT,
            response_type,
            scope,
            state: STATE,
            code_challenge,
        };
        let got = authorize_url(&acme(), &req).unwrap();
        assert_eq!(got, want);
        // What the platform reads back is exactly what was given.
        let parsed = url::Url::parse(&got).unwrap();
        let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        assert_eq!(pairs[0], ("client_id".into(), "app-1".into()));
        assert_eq!(pairs[1], ("redirect_uri".into(), REDIRECT.into()));
        assert_eq!(pairs[2].1, response_type.as_str());
        assert_eq!(pairs[3].1, scope);
        assert_eq!(pairs[4].1, STATE);
    }
}

#[test]
fn authorize_url_on_a_loopback_platform() {
    let p = Platform::parse("http://localhost:8081").unwrap();
    let req = AuthorizeRequest::new("app", "http://localhost:3000/cb", STATE);
    assert!(authorize_url(&p, &req)
        .unwrap()
        .starts_with("http://localhost:8081/oauth/authorize?client_id=app&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb&"));
}

#[test]
fn authorize_url_errors_name_the_field() {
    let base = AuthorizeRequest::new("app", REDIRECT, STATE);
    let rows: &[(AuthorizeRequest<'_>, &str)] = &[
        (
            AuthorizeRequest {
                client_id: "",
                ..base
            },
            "clientId",
        ),
        (
            AuthorizeRequest {
                redirect_uri: "http://app.example/cb",
                ..base
            },
            "redirectUri",
        ),
        (AuthorizeRequest { scope: "", ..base }, "scope"),
        (
            AuthorizeRequest {
                state: "short",
                ..base
            },
            "state",
        ),
        (
            AuthorizeRequest {
                code_challenge: Some(""),
                ..base
            },
            "codeChallenge",
        ),
    ];
    for (req, field) in rows {
        let e = authorize_url(&acme(), req).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidOption, Some(*field))
        );
        assert!(e.message().starts_with(field), "{}", e.message());
    }
    // The longest inputs still give a URL within the library's limit.
    let id = "%".repeat(256);
    let uri = "https://a.example/".to_owned() + &"%".repeat(2000 - 18);
    let scope = "%".repeat(256);
    let req = AuthorizeRequest {
        client_id: &id,
        redirect_uri: &uri,
        scope: &scope,
        code_challenge: Some(CHALLENGE),
        ..base
    };
    let long = Platform::parse(&("a".repeat(63) + "." + &"b".repeat(63) + ".example")).unwrap();
    assert!(authorize_url(&long, &req).unwrap().len() <= 8192);
}

#[test]
fn response_types() {
    for t in [ResponseType::Code, ResponseType::Token] {
        assert_eq!(ResponseType::parse(t.as_str()).unwrap(), t);
    }
    for bad in ["", "Code", "id_token", "code token"] {
        assert_eq!(
            verdict(ResponseType::parse(bad).map(drop)),
            "invalid_option:responseType"
        );
    }
}

// ----- callbacks -----

use ResponseType::{Code as C, Token as T};

/// The outcome as a compact string: `code=<code>`,
/// `token=<token>|<type>|<expires_in>|<expires_at>|<scope>`,
/// `denied=<error>|<description>`, or `<error code>:<field>`.
fn outcome(url: &str, response_type: ResponseType, created: u64, now: u64) -> String {
    let pending = PendingRequest {
        response_type,
        state: STATE,
        redirect_uri: REDIRECT,
        created_at_ms: created,
    };
    let opt = |o: Option<u64>| o.map(|n| n.to_string()).unwrap_or_default();
    match check_callback(url, &pending, now) {
        Ok(CallbackOutcome::Code { code }) => "code=".to_owned() + &code,
        Ok(CallbackOutcome::Token {
            access_token,
            token_type,
            expires_in,
            expires_at_ms,
            scope,
        }) => {
            "token=".to_owned()
                + &access_token
                + "|"
                + &token_type
                + "|"
                + &opt(expires_in)
                + "|"
                + &opt(expires_at_ms)
                + "|"
                + &scope.unwrap_or_default()
        }
        Ok(CallbackOutcome::Denied {
            error,
            error_description,
        }) => "denied=".to_owned() + &error + "|" + &error_description.unwrap_or_default(),
        Err(e) => e.code().as_str().to_owned() + ":" + e.field().unwrap_or(""),
    }
}

/// `{S}` stands for the pending state.
const CALLBACKS: &[(ResponseType, &str, &str)] = &[
    // The code flow: Doorkeeper's answers.
    (C, "https://app.example/oauth/callback?code=Jx8d2_Qe&state={S}", "code=Jx8d2_Qe"),
    (C, "https://app.example/oauth/callback?state={S}&code=Jx8d2", "code=Jx8d2"),
    (C, "https://app.example/oauth/callback?code=a%2Bb%3D&state={S}", "code=a+b="),
    (C, "https://app.example/oauth/callback?code=J&state={S}&iss=https%3A%2F%2Facme.vivomeetings.com", "code=J"),
    (C, "HTTPS://APP.example:443/oauth/callback?code=J&state={S}", "code=J"),
    (C, "https://app.example/oauth/callback?code=J&state={S}#/route", "code=J"),
    (C, "https://app.example/oauth/callback?code=J&state={S}#access_token=t&state=x", "code=J"),
    (C, "https://app.example/oauth/callback?tab=2&tab=3&code=J&state={S}", "code=J"),
    (C, "https://app.example/oauth/callback?constructor=1&__proto__=2&prototype=3&code=J&state={S}", "code=J"),
    (C, "https://app.example/oauth/callback?&&code=J&&state={S}&", "code=J"),
    (C, "https://app.example/oauth/callback?%63ode=J&%73tate={S}", "code=J"),
    (C, "https://app.example/oauth/callback?code=J&state={S}&token_type=bearer", "code=J"),
    (
        C,
        "https://app.example/oauth/callback?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&state={S}",
        "denied=access_denied|The resource owner or authorization server denied the request.",
    ),
    (C, "https://app.example/oauth/callback?error=invalid_scope&state={S}", "denied=invalid_scope|"),
    (C, "https://app.example/oauth/callback?error=access_denied&error_description=&state={S}", "denied=access_denied|"),
    (C, "https://app.example/oauth/callback?error=server_error&code=J&state={S}", "denied=server_error|"),
    (C, "https://app.example/oauth/callback?error=x&error_description=%E2%9C%93&state={S}", "denied=x|✓"),
    // Errors before the state is checked count as state problems.
    (C, "https://app.example/oauth/callback?error=access_denied", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?error=access_denied&state=other", "oauth_state:state"),
    // The state.
    (C, "https://app.example/oauth/callback?code=J", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state=", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state=constructor", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state=__proto__", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state=toString", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state=b3RoZXJvdGhlcm90aGVyb3RoZXJvdGhlcm90aGVyMDA", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state={S}A", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&state={S}+", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J&STATE={S}", "oauth_state:state"),
    (C, "https://app.example/oauth/callback?code=J#state={S}", "oauth_state:state"),
    (C, "https://app.example/oauth/callback#code=J&state={S}", "oauth_state:state"),
    // Repeated OAuth parameters.
    (C, "https://app.example/oauth/callback?code=J&state={S}&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&code=K&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&%63ode=K&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&state={S}&error=a&error=b", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&state={S}&state=", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&state={S}&iss=a&iss=b", "oauth_state:url"),
    // Decoding.
    (C, "https://app.example/oauth/callback?code=%FF&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=%C3&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&state={S}&error_description=%ED%A0%80", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=a+b&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=%0A&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=%E2%9C%93&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?%FF=1&code=J&state={S}", "code=J"),
    // The code flow's own refusals.
    (C, "https://app.example/oauth/callback?state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?access_token=t&token_type=Bearer&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/callback?code=J&access_token=t&state={S}", "oauth_state:url"),
    // Origin and path.
    (C, "https://app.example/oauth/callback/?code=J&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth/Callback?code=J&state={S}", "oauth_state:url"),
    (C, "https://app.example/oauth?code=J&state={S}", "oauth_state:url"),
    (C, "http://app.example/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "https://app.example:8443/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "https://evil.example/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "https://app.example.evil.example/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "https://user@app.example/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "/oauth/callback?code=J&state={S}", "oauth_state:url"),
    (C, "", "oauth_state:url"),
    (C, "javascript:alert(1)//?code=J&state={S}", "oauth_state:url"),
    // The token flow: Doorkeeper's answers.
    (
        T,
        "https://app.example/oauth/callback#access_token=Yq3_fT&token_type=Bearer&expires_in=7200&state={S}",
        "token=Yq3_fT|Bearer|7200|1700007205000|",
    ),
    (
        T,
        "https://app.example/oauth/callback#access_token=Yq3&token_type=bearer&state={S}",
        "token=Yq3|Bearer|||",
    ),
    (
        T,
        "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=&state={S}",
        "token=Yq3|Bearer|||",
    ),
    (
        T,
        "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=0&scope=read+write&state={S}",
        "token=Yq3|Bearer|0|1700000005000|read write",
    ),
    (
        T,
        "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=999999999999&state={S}",
        "token=Yq3|Bearer|999999999999|1001700000004000|",
    ),
    (
        T,
        "https://app.example/oauth/callback?code=ignored&state=ignored#access_token=Yq3&token_type=Bearer&state={S}",
        "token=Yq3|Bearer|||",
    ),
    (
        T,
        "https://app.example/oauth/callback#error=access_denied&error_description=The+resource+owner+denied&state={S}",
        "denied=access_denied|The resource owner denied",
    ),
    (T, "https://app.example/oauth/callback#error=unsupported_response_type&state=x", "oauth_state:state"),
    (T, "https://app.example/oauth/callback?access_token=Yq3&token_type=Bearer&state={S}", "oauth_state:state"),
    (T, "https://app.example/oauth/callback?state={S}#access_token=Yq3&token_type=Bearer", "oauth_state:state"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&state=__proto__", "oauth_state:state"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&state=constructor", "oauth_state:state"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&access_token=Z&token_type=Bearer&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&token_type=Bearer&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=1&expires_in=2&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#code=J&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#code=J&access_token=Yq3&token_type=Bearer&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=&token_type=Bearer&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=a+b&token_type=Bearer&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=mac&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=-1&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=1.5&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=+1&state={S}", "oauth_state:url"),
    (T, "https://app.example/oauth/callback#access_token=Yq3&token_type=Bearer&expires_in=1000000000000&state={S}", "oauth_state:url"),
    (T, "https://evil.example/oauth/callback#access_token=Yq3&token_type=Bearer&state={S}", "oauth_state:url"),
];

#[test]
fn callbacks() {
    for &(response_type, url, want) in CALLBACKS {
        let url = url.replace("{S}", STATE);
        assert_eq!(
            outcome(&url, response_type, CREATED, NOW),
            want,
            "{response_type:?} {url}"
        );
    }
}

/// (created, now, accepted)
const AGES: &[(u64, u64, bool)] = &[
    (CREATED, CREATED, true),
    (CREATED, CREATED + PENDING_TTL_MS, true),
    (CREATED, CREATED + PENDING_TTL_MS + 1, false),
    (CREATED, CREATED + 24 * 3600 * 1000, false),
    (CREATED, CREATED - CLOCK_SKEW_MS, true),
    (CREATED, CREATED - CLOCK_SKEW_MS - 1, false),
    (CREATED, 0, false),
    (0, u64::MAX, false),
    (u64::MAX, 0, false),
    (u64::MAX, u64::MAX, true),
];

#[test]
fn pending_requests_expire() {
    let code = "https://app.example/oauth/callback?code=J&state=".to_owned() + STATE;
    let error = "https://app.example/oauth/callback?error=access_denied&state=".to_owned() + STATE;
    for &(created, now, ok) in AGES {
        let want = if ok { "code=J" } else { "oauth_state:state" };
        assert_eq!(outcome(&code, C, created, now), want, "{created} {now}");
        let want = if ok {
            "denied=access_denied|"
        } else {
            "oauth_state:state"
        };
        assert_eq!(outcome(&error, C, created, now), want, "{created} {now}");
    }
}

#[test]
fn redirect_uris_with_a_query_or_no_path() {
    let rows: &[(&str, &str, &str)] = &[
        (
            "https://app.example/cb?tab=2",
            "https://app.example/cb?tab=2&code=J&state={S}",
            "code=J",
        ),
        (
            "https://app.example/cb?tab=2",
            "https://app.example/cb?code=J&state={S}",
            "code=J",
        ),
        (
            "https://app.example",
            "https://app.example/?code=J&state={S}",
            "code=J",
        ),
        (
            "https://app.example/",
            "https://app.example?code=J&state={S}",
            "code=J",
        ),
        (
            "http://localhost:3000/cb",
            "http://localhost:3000/cb?code=J&state={S}",
            "code=J",
        ),
        (
            "http://LOCALHOST:3000/cb",
            "http://localhost:3000/cb?code=J&state={S}",
            "code=J",
        ),
        (
            "http://localhost:3000/cb",
            "http://localhost:3001/cb?code=J&state={S}",
            "oauth_state:url",
        ),
        (
            "http://localhost/cb",
            "http://localhost:80/cb?code=J&state={S}",
            "code=J",
        ),
        (
            "http://app.example/cb",
            "http://app.example/cb?code=J&state={S}",
            "invalid_option:redirectUri",
        ),
        (
            "",
            "https://app.example/cb?code=J&state={S}",
            "invalid_option:redirectUri",
        ),
    ];
    for &(redirect_uri, url, want) in rows {
        let url = url.replace("{S}", STATE);
        let pending = PendingRequest {
            response_type: C,
            state: STATE,
            redirect_uri,
            created_at_ms: CREATED,
        };
        let got = match check_callback(&url, &pending, NOW) {
            Ok(CallbackOutcome::Code { code }) => "code=".to_owned() + &code,
            Ok(other) => panic!("{other:?}"),
            Err(e) => e.code().as_str().to_owned() + ":" + e.field().unwrap_or(""),
        };
        assert_eq!(got, want, "{redirect_uri} {url}");
    }
}

#[test]
fn a_pending_request_needs_a_strong_state() {
    for state in ["", "constructor", "__proto__", "short"] {
        let pending = PendingRequest {
            response_type: C,
            state,
            redirect_uri: REDIRECT,
            created_at_ms: CREATED,
        };
        let url = "https://app.example/oauth/callback?code=J&state=".to_owned() + state;
        let e = check_callback(&url, &pending, NOW).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidOption, Some("state"))
        );
    }
}

#[test]
fn long_values_are_refused() {
    let ok = "a".repeat(VALUE_MAX);
    let bad = "a".repeat(VALUE_MAX + 1);
    let encoded = "%41".repeat(VALUE_MAX + 1);
    let url = |code: &str| {
        "https://app.example/oauth/callback?code=".to_owned() + code + "&state=" + STATE
    };
    assert_eq!(
        outcome(&url(&ok), C, CREATED, NOW),
        "code=".to_owned() + &ok
    );
    assert_eq!(outcome(&url(&bad), C, CREATED, NOW), "oauth_state:url");
    assert_eq!(outcome(&url(&encoded), C, CREATED, NOW), "oauth_state:url");
    let huge = "https://app.example/oauth/callback?x=".to_owned()
        + &"a".repeat(CALLBACK_URL_MAX)
        + "&code=J&state="
        + STATE;
    assert_eq!(outcome(&huge, C, CREATED, NOW), "oauth_state:url");
}

#[test]
fn errors_never_quote_callback_values() {
    let secret = "SECRETvalue123";
    for &(response_type, url, _) in CALLBACKS {
        let url = url
            .replace("{S}", STATE)
            .replace("Yq3", secret)
            .replace("=J", &("=".to_owned() + secret));
        let pending = PendingRequest {
            response_type,
            state: STATE,
            redirect_uri: REDIRECT,
            created_at_ms: CREATED,
        };
        if let Err(e) = check_callback(&url, &pending, NOW) {
            assert!(!e.message().contains(secret), "{}", e.message());
            assert!(!e.message().contains(STATE), "{}", e.message());
        }
    }
}

#[test]
fn debug_hides_codes_and_tokens() {
    let code = CallbackOutcome::Code {
        code: "SECRET".into(),
    };
    let token = CallbackOutcome::Token {
        access_token: "SECRET".into(),
        token_type: "Bearer".into(),
        expires_in: Some(1),
        expires_at_ms: Some(2),
        scope: None,
    };
    for o in [code, token] {
        assert!(!format!("{o:?}").contains("SECRET"));
    }
}

/// (response type, url, cleaned url)
const CLEANED: &[(Option<ResponseType>, &str, &str)] = &[
    (
        Some(C),
        "https://app.example/cb?code=J&state=S",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb?tab=2&code=J&state=S",
        "https://app.example/cb?tab=2",
    ),
    (
        Some(C),
        "https://app.example/cb?code=J&tab=2&state=S&x=%20y+z",
        "https://app.example/cb?tab=2&x=%20y+z",
    ),
    (
        Some(C),
        "https://app.example/cb?code=J&state=S#/route?a=1",
        "https://app.example/cb#/route?a=1",
    ),
    (
        Some(C),
        "https://app.example/cb?error=access_denied&error_description=No&error_uri=x&state=S",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb?iss=https%3A%2F%2Facme&code=J&state=S",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb?%63ode=J&%73tate=S&tab=1",
        "https://app.example/cb?tab=1",
    ),
    (
        Some(C),
        "https://app.example/cb?code&state&&tab=1&",
        "https://app.example/cb?tab=1",
    ),
    (
        Some(C),
        "https://app.example/cb?codes=1&state_x=2",
        "https://app.example/cb?codes=1&state_x=2",
    ),
    (
        Some(C),
        "https://app.example/cb?tab=1&&x",
        "https://app.example/cb?tab=1&&x",
    ),
    // A token in a code flow's query or fragment is refused, and leaves
    // too; a query's `scope` may be the page's own.
    (
        Some(C),
        "https://app.example/cb?access_token=t&scope=s",
        "https://app.example/cb?scope=s",
    ),
    (
        Some(C),
        "https://app.example/cb?scope=s",
        "https://app.example/cb?scope=s",
    ),
    (
        Some(C),
        "https://app.example/cb?expires_in=1&refresh_token=r&token_type=x",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb#code=J&state=S",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb#x=1&scope=s",
        "https://app.example/cb",
    ),
    (
        Some(C),
        "https://app.example/cb#top",
        "https://app.example/cb#top",
    ),
    (Some(C), "https://app.example/cb", "https://app.example/cb"),
    (
        Some(C),
        "https://app.example/cb?#",
        "https://app.example/cb?#",
    ),
    (Some(C), "", ""),
    (
        Some(T),
        "https://app.example/cb#access_token=t&token_type=Bearer&state=S",
        "https://app.example/cb",
    ),
    (
        Some(T),
        "https://app.example/cb?tab=2#access_token=t",
        "https://app.example/cb?tab=2",
    ),
    // A code in a token flow's query leaves too.
    (
        Some(T),
        "https://app.example/cb?code=J&state=S#x",
        "https://app.example/cb",
    ),
    (
        Some(T),
        "https://app.example/cb?tab=1&scope=s#x",
        "https://app.example/cb?tab=1&scope=s",
    ),
    (Some(T), "https://app.example/cb#", "https://app.example/cb"),
    (Some(T), "https://app.example/cb", "https://app.example/cb"),
    // No pending request (already used, another tab) or the popup: the
    // flow is not known, and any fragment goes.
    (
        None,
        "https://app.example/cb?code=J&state=S#/route",
        "https://app.example/cb",
    ),
    (
        None,
        "https://app.example/cb?tab=1",
        "https://app.example/cb?tab=1",
    ),
];

#[test]
fn cleaned_callback_urls() {
    for &(response_type, url, want) in CLEANED {
        assert_eq!(
            callback_url_without_oauth_params(url, response_type),
            want,
            "{response_type:?} {url}"
        );
    }
}

// ----- token endpoint bodies -----

#[test]
fn endpoints() {
    assert_eq!(
        token_url(&acme()),
        "https://acme.vivomeetings.com/oauth/token"
    );
    assert_eq!(
        revoke_url(&acme()),
        "https://acme.vivomeetings.com/oauth/revoke"
    );
}

#[test]
fn token_bodies() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let rows: &[(Result<String>, &str)] = &[
        (
            authorization_code_body("app-1", "s3cr&t=", "Jx8d2", REDIRECT, Some(verifier)),
            "grant_type=authorization_code&client_id=app-1&client_secret=s3cr%26t%3D&code=Jx8d2&redirect_uri=https%3A%2F%2Fapp.example%2Foauth%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        ),
        (
            authorization_code_body("app-1", "s", "a+b/c", "http://localhost:3000/cb?x=1", None),
            "grant_type=authorization_code&client_id=app-1&client_secret=s&code=a%2Bb%2Fc&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb%3Fx%3D1",
        ),
        (
            refresh_token_body("app-1", "s", "rT~1"),
            "grant_type=refresh_token&client_id=app-1&client_secret=s&refresh_token=rT%7E1",
        ),
        (
            revoke_body("app-1", "s", "aT.1"),
            "client_id=app-1&client_secret=s&token=aT.1",
        ),
    ];
    for (got, want) in rows {
        assert_eq!(got.as_deref().unwrap(), *want);
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(want.as_bytes())
            .into_owned()
            .collect();
        assert!(pairs.iter().all(|(k, v)| !k.is_empty() && !v.is_empty()));
    }
}

const SECRET: &str = "TOPsecret42";

#[test]
fn token_body_errors_name_the_field_and_hide_secrets() {
    let long = "a".repeat(VALUE_MAX + 1);
    let long_secret = "a".repeat(CLIENT_SECRET_MAX + 1);
    let secret_space = SECRET.to_owned() + " x";
    let secret_nonascii = SECRET.to_owned() + "ë";
    let v = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let short_v = &v[..42];
    let bad_v = SECRET.to_owned() + "+dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let rows: &[(Result<String>, &str)] = &[
        (
            authorization_code_body("", "s", "c", REDIRECT, None),
            "clientId",
        ),
        (
            authorization_code_body("a b", "s", "c", REDIRECT, None),
            "clientId",
        ),
        (
            authorization_code_body("a", "", "c", REDIRECT, None),
            "clientSecret",
        ),
        (
            authorization_code_body("a", &secret_space, "c", REDIRECT, None),
            "clientSecret",
        ),
        (
            authorization_code_body("a", &secret_nonascii, "c", REDIRECT, None),
            "clientSecret",
        ),
        (
            authorization_code_body("a", &long_secret, "c", REDIRECT, None),
            "clientSecret",
        ),
        (
            authorization_code_body("a", "s", "", REDIRECT, None),
            "code",
        ),
        (
            authorization_code_body("a", "s", &secret_space, REDIRECT, None),
            "code",
        ),
        (
            authorization_code_body("a", "s", &long, REDIRECT, None),
            "code",
        ),
        (
            authorization_code_body("a", "s", "c", "http://app.example/cb", None),
            "redirectUri",
        ),
        (
            authorization_code_body("a", "s", "c", "", None),
            "redirectUri",
        ),
        (
            authorization_code_body("a", "s", "c", REDIRECT, Some("")),
            "codeVerifier",
        ),
        (
            authorization_code_body("a", "s", "c", REDIRECT, Some(short_v)),
            "codeVerifier",
        ),
        (
            authorization_code_body("a", "s", "c", REDIRECT, Some(&bad_v)),
            "codeVerifier",
        ),
        (
            authorization_code_body("a", "s", "c", REDIRECT, Some(&long)),
            "codeVerifier",
        ),
        (refresh_token_body("a", "s", ""), "refreshToken"),
        (refresh_token_body("a", "s", &secret_space), "refreshToken"),
        (refresh_token_body("a", "s", &long), "refreshToken"),
        (
            refresh_token_body("a", &secret_nonascii, "r"),
            "clientSecret",
        ),
        (revoke_body("a", "s", ""), "token"),
        (revoke_body("a", "s", &secret_nonascii), "token"),
        (revoke_body("a", "s", &long), "token"),
        (revoke_body("a\u{0}", "s", "t"), "clientId"),
    ];
    for (i, (got, field)) in rows.iter().enumerate() {
        let e = got.as_ref().unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidOption, Some(*field)),
            "row {i}"
        );
        assert!(!e.message().contains(SECRET), "row {i}: {}", e.message());
        assert!(!e.to_string().contains(SECRET), "row {i}");
    }
    let e = refresh_token_body("a", "s", &long).unwrap_err();
    assert_eq!(
        e.message(),
        "refreshToken: must be at most 4096 printable ASCII characters without spaces"
    );
}

// ----- properties -----

/// Pieces callback URLs are made of, hostile ones included.
fn url_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let prefix = prop_oneof![
        Just("https://app.example/oauth/callback".to_owned()),
        Just("HTTPS://app.EXAMPLE:443/oauth/callback".to_owned()),
        Just("https://app.example/oauth/callback/".to_owned()),
        Just("http://app.example/oauth/callback".to_owned()),
        Just("https://evil.example/oauth/callback".to_owned()),
        "\\PC{0,40}",
    ];
    let key = prop_oneof![
        Just("state".to_owned()),
        Just("code".to_owned()),
        Just("error".to_owned()),
        Just("error_description".to_owned()),
        Just("access_token".to_owned()),
        Just("token_type".to_owned()),
        Just("expires_in".to_owned()),
        Just("scope".to_owned()),
        Just("%73tate".to_owned()),
        Just("__proto__".to_owned()),
        Just("constructor".to_owned()),
        "[a-z_%0-9]{0,8}",
    ];
    let value = prop_oneof![
        Just("constructor".to_owned()),
        Just("__proto__".to_owned()),
        Just(OTHER_STATE.to_owned()),
        Just("Bearer".to_owned()),
        Just("7200".to_owned()),
        "[A-Za-z0-9%+=_.~-]{0,50}",
        "\\PC{0,20}",
    ];
    let pair = (key, proptest::option::of(value)).prop_map(|(k, v)| match v {
        Some(v) => k + "=" + &v,
        None => k,
    });
    let params = proptest::collection::vec(pair, 0..8).prop_map(|p| p.join("&"));
    let sep = prop_oneof![Just("?"), Just("#"), Just("&"), Just("?x=1#"), Just("")];
    let tail = prop_oneof![
        Just(String::new()),
        Just("#".to_owned()),
        Just("#a=b".to_owned()),
        Just("?".to_owned()),
        "\\PC{0,10}",
    ];
    (prefix, sep, params, tail).prop_map(|(p, s, q, t)| p + s + &q + &t)
}

proptest::proptest! {
    #[test]
    fn callbacks_without_the_state_are_refused(url in url_strategy(), now in 0u64..=u64::MAX) {
        proptest::prop_assume!(!url.contains(STATE));
        for response_type in [C, T] {
            let pending = PendingRequest {
                response_type,
                state: STATE,
                redirect_uri: REDIRECT,
                created_at_ms: CREATED,
            };
            proptest::prop_assert!(check_callback(&url, &pending, now).is_err());
            proptest::prop_assert!(check_callback(&url, &pending, NOW).is_err());
            let cleaned = callback_url_without_oauth_params(&url, Some(response_type));
            proptest::prop_assert!(cleaned.len() <= url.len());
        }
    }

    #[test]
    fn callbacks_with_the_state_never_panic(url in url_strategy(), i in 0usize..200) {
        // The right state spliced in somewhere, maybe more than once.
        let at = url.char_indices().map(|(j, _)| j).nth(i).unwrap_or(url.len());
        let url = url[..at].to_owned() + "&state=" + STATE + &url[at..];
        for response_type in [C, T] {
            let pending = PendingRequest {
                response_type,
                state: STATE,
                redirect_uri: REDIRECT,
                created_at_ms: CREATED,
            };
            if let Ok(CallbackOutcome::Code { code }) = check_callback(&url, &pending, NOW) {
                proptest::prop_assert!(is_visible_ascii(&code, 1, VALUE_MAX));
            }
            let cleaned = callback_url_without_oauth_params(&url, Some(response_type));
            // A cleaned URL never has an OAuth answer left to read.
            if let Err(e) = check_callback(&cleaned, &pending, NOW) {
                proptest::prop_assert_ne!(e.code(), ErrorCode::InvalidOption);
            } else {
                proptest::prop_assert!(false, "cleaned URL accepted: {}", cleaned);
            }
        }
    }

    #[test]
    fn any_text_is_safe(url in "\\PC{0,200}", redirect in "\\PC{0,60}", state in "\\PC{0,50}") {
        let pending = PendingRequest {
            response_type: C,
            state: &state,
            redirect_uri: &redirect,
            created_at_ms: CREATED,
        };
        let _ = check_callback(&url, &pending, NOW);
        let _ = check_redirect_uri(&redirect);
        for response_type in [Some(C), Some(T), None] {
            let cleaned = callback_url_without_oauth_params(&url, response_type);
            proptest::prop_assert!(cleaned.len() <= url.len());
        }
    }
}
