//! OAuth on the platform origin: login, consent, code and implicit flows,
//! PKCE, token endpoint, refresh rotation, revocation, control endpoints.

mod common;

use std::net::SocketAddr;

use common::{get_with_cookie, post, request, server, session_cookie, Reply};
use vivomeetings_standin::{
    Running, DEMO_CONFIDENTIAL_CLIENT_ID as CONF_ID,
    DEMO_CONFIDENTIAL_CLIENT_SECRET as CONF_SECRET, DEMO_PUBLIC_CLIENT_ID as PUB_ID,
};

const FORM: &str = "application/x-www-form-urlencoded";
const INVALID_GRANT: &str = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

fn enc(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", reply.status, reply.text()))
}

/// The value of `name` in a form-encoded string.
fn param(encoded: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(encoded.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn callback(s: &Running) -> String {
    format!("{}/oauth/callback.html", s.app_origin())
}

/// Signs John Host in through the login page; returns the cookie pair.
async fn login(p: SocketAddr) -> String {
    let r = post(
        p,
        "/oauth/login",
        FORM,
        b"email=john%40company.tld&password=demo-password-8&return_to=%2Foauth%2Fauthorize%3Fx%3D1",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/oauth/authorize?x=1"));
    session_cookie(&r)
}

/// Opens the consent page and returns its authenticity token.
async fn consent(p: SocketAddr, cookie: &str, query: &str) -> String {
    let r = get_with_cookie(p, &format!("/oauth/authorize?{query}"), cookie).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.text();
    let start = body
        .find("name=\"authenticity_token\" value=\"")
        .unwrap_or_else(|| panic!("no consent form: {body}"))
        + "name=\"authenticity_token\" value=\"".len();
    let end = body[start..].find('"').expect("end of token") + start;
    body[start..end].to_string()
}

/// Clicks a consent button; returns the Location.
async fn decide(p: SocketAddr, cookie: &str, csrf: &str, decision: &str) -> String {
    let r = request(
        p,
        "POST",
        "/oauth/authorize",
        &[("Content-Type", FORM), ("Cookie", cookie)],
        format!("authenticity_token={}&decision={decision}", enc(csrf)).as_bytes(),
    )
    .await;
    assert_eq!(r.status, 302, "{}", r.text());
    r.header("location").expect("location").to_string()
}

/// A code for the confidential demo client (optionally with PKCE).
async fn code_for(s: &Running, cookie: &str, extra: &str) -> String {
    let p = s.platform_addr();
    let query = format!(
        "client_id={CONF_ID}&redirect_uri={}&response_type=code&scope=read%2Cwrite&state=st{extra}",
        enc(&callback(s))
    );
    let csrf = consent(p, cookie, &query).await;
    let location = decide(p, cookie, &csrf, "authorize").await;
    let (base, query) = location.split_once('?').expect("query");
    assert_eq!(base, callback(s));
    assert_eq!(param(query, "state").as_deref(), Some("st"));
    param(query, "code").expect("code")
}

async fn token(p: SocketAddr, body: &str) -> Reply {
    post(p, "/oauth/token", FORM, body.as_bytes()).await
}

fn code_body(s: &Running, code: &str) -> String {
    format!(
        "grant_type=authorization_code&code={}&redirect_uri={}&client_id={CONF_ID}&client_secret={CONF_SECRET}",
        enc(code),
        enc(&callback(s))
    )
}

#[tokio::test]
async fn authorize_checks_client_and_redirect_uri_before_anything() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let cb = enc(&callback(&s));
    for (query, status, error) in [
        (
            format!("client_id=nope&redirect_uri={cb}&response_type=code"),
            401,
            "invalid_client",
        ),
        (
            format!("redirect_uri={cb}&response_type=code"),
            400,
            "invalid_request",
        ),
        (
            format!(
                "client_id={CONF_ID}&redirect_uri={}&response_type=code",
                enc("http://evil.example/cb")
            ),
            400,
            "invalid_redirect_uri",
        ),
        (
            format!(
                "client_id={CONF_ID}&redirect_uri={}&response_type=code",
                enc(&format!("{}/", callback(&s)))
            ),
            400,
            "invalid_redirect_uri",
        ),
    ] {
        let r = get_with_cookie(p, &format!("/oauth/authorize?{query}"), "").await;
        assert_eq!(r.status, status, "{query}");
        assert!(r.header("location").is_none());
        assert!(r.text().contains(error), "{}", r.text());
        assert!(r.text().contains("id=\"oauth-error\""));
    }
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn login_page_then_consent_then_code() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let query = format!(
        "client_id={CONF_ID}&redirect_uri={}&response_type=code&state=abc",
        enc(&callback(&s))
    );
    // not signed in: the login form, posting back to authorize
    let r = get_with_cookie(p, &format!("/oauth/authorize?{query}"), "").await;
    assert_eq!(r.status, 200);
    let body = r.text();
    assert!(body.contains("id=\"login-form\""), "{body}");
    assert!(body.contains("action=\"/oauth/login\""));
    // prefilled with the first demo host, for the demo
    assert!(body.contains("id=\"email\" autocomplete=\"username\" value=\"john@company.tld\""));
    assert!(body.contains("value=\"demo-password-8\""));
    assert!(!body.contains("<script"));

    // wrong password: 401 and the form again
    let r = post(
        p,
        "/oauth/login",
        FORM,
        b"email=john%40company.tld&password=x&return_to=%2Foauth%2Fauthorize",
    )
    .await;
    assert_eq!(r.status, 401);
    assert!(r.text().contains("id=\"login-error\""));
    assert!(r.header("set-cookie").is_none());
    // an unsafe return_to goes to the dashboard instead
    let r = post(
        p,
        "/oauth/login",
        FORM,
        b"email=jane%40company.tld&password=demo-password-9&return_to=https%3A%2F%2Fevil.example",
    )
    .await;
    assert_eq!(r.header("location"), Some("/conf/calls/upcoming"));

    let cookie = login(p).await;
    let r = get_with_cookie(p, &format!("/oauth/authorize?{query}"), &cookie).await;
    let body = r.text();
    assert!(
        body.contains("<h1 id=\"consent\">Allow Demo Partner App access to your account?</h1>"),
        "{body}"
    );
    assert!(body.contains("id=\"deny\">Deny</button>"));
    assert!(body.contains("id=\"authorize\">Authorize</button>"));
    assert!(body.contains("method=\"post\" action=\"/oauth/authorize\""));
    assert!(!body.contains("<script"));

    let code = code_for(&s, &cookie, "").await;
    assert_eq!(code.len(), 43);

    // a stale or foreign authenticity token is refused
    let csrf = consent(p, &cookie, &query).await;
    let r = request(
        p,
        "POST",
        "/oauth/authorize",
        &[("Content-Type", FORM), ("Cookie", "vm_session=other")],
        format!("authenticity_token={}&decision=authorize", enc(&csrf)).as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422);
    decide(p, &cookie, &csrf, "authorize").await;
    let r = request(
        p,
        "POST",
        "/oauth/authorize",
        &[("Content-Type", FORM), ("Cookie", &cookie)],
        format!("authenticity_token={}&decision=authorize", enc(&csrf)).as_bytes(),
    )
    .await;
    assert_eq!(r.status, 422, "single use");
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn sso_session_is_reused_and_deny_redirects_with_doorkeeper_text() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let r = request(
        p,
        "GET",
        "/auth?host_id=9&login_token_public_key=demo-token-9&redirect_url=/",
        &[],
        b"",
    )
    .await;
    let cookie = session_cookie(&r);
    let cb = enc(&callback(&s));
    let csrf = consent(
        p,
        &cookie,
        &format!("client_id={CONF_ID}&redirect_uri={cb}&response_type=code&state=s%201"),
    )
    .await;
    let location = decide(p, &cookie, &csrf, "deny").await;
    assert_eq!(
        location,
        format!("{}?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&state=s+1", callback(&s))
    );
    let csrf = consent(
        p,
        &cookie,
        &format!("client_id={PUB_ID}&redirect_uri={cb}&response_type=token&state=z"),
    )
    .await;
    let location = decide(p, &cookie, &csrf, "deny").await;
    assert_eq!(
        location,
        format!("{}#error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request.&state=z", callback(&s))
    );
    // unsupported response_type and a plain PKCE challenge redirect with errors
    let r = get_with_cookie(
        p,
        &format!(
            "/oauth/authorize?client_id={CONF_ID}&redirect_uri={cb}&response_type=id_token&state=q"
        ),
        &cookie,
    )
    .await;
    assert_eq!(r.status, 302);
    let location = r.header("location").unwrap_or_default();
    assert!(location.starts_with(&format!("{}?error=unsupported_response_type&error_description=The+authorization+server+does+not+support+this+response+type.", callback(&s))), "{location}");
    assert!(location.ends_with("&state=q"));
    let r = get_with_cookie(p, &format!("/oauth/authorize?client_id={CONF_ID}&redirect_uri={cb}&response_type=code&code_challenge=abc&code_challenge_method=plain"), &cookie).await;
    assert_eq!(r.status, 302);
    assert!(r.header("location").unwrap_or_default().contains(
        "error=invalid_code_challenge_method&error_description=The+code_challenge_method+must+be+S256."
    ));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn implicit_flow_returns_a_token_in_the_fragment() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let cookie = login(p).await;
    let cb = enc(&format!("{}/oauth/popup.html", s.app_origin()));
    let csrf = consent(
        p,
        &cookie,
        &format!(
            "client_id={PUB_ID}&redirect_uri={cb}&response_type=token&scope=read%2Cwrite&state=xyz"
        ),
    )
    .await;
    let location = decide(p, &cookie, &csrf, "authorize").await;
    let (base, fragment) = location.split_once('#').expect("fragment");
    assert_eq!(base, format!("{}/oauth/popup.html", s.app_origin()));
    let keys: Vec<String> = form_urlencoded::parse(fragment.as_bytes())
        .map(|(k, _)| k.into_owned())
        .collect();
    assert_eq!(
        keys,
        ["access_token", "token_type", "expires_in", "scope", "state"]
    );
    assert_eq!(param(fragment, "token_type").as_deref(), Some("Bearer"));
    assert_eq!(param(fragment, "expires_in").as_deref(), Some("7200"));
    assert_eq!(param(fragment, "scope").as_deref(), Some("read,write"));
    assert_eq!(param(fragment, "state").as_deref(), Some("xyz"));
    assert_eq!(param(fragment, "access_token").map(|t| t.len()), Some(43));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn code_exchange_refresh_rotation_and_revocation() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let cookie = login(p).await;
    let code = code_for(&s, &cookie, "").await;

    let r = token(p, &code_body(&s, &code)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("pragma"), Some("no-cache"));
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert!(r.header("access-control-allow-origin").is_none());
    // Doorkeeper's key order
    let text = r.text();
    let at = |k: &str| {
        text.find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} in {text}"))
    };
    let keys = [
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "scope",
        "created_at",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    let t = json(&r);
    assert_eq!(t.as_object().map(|o| o.len()), Some(6));
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 7200);
    assert_eq!(t["scope"], "read,write");
    assert!(t["created_at"].as_u64().is_some());

    // the code is single-use
    let r = token(p, &code_body(&s, &code)).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        json(&r),
        serde_json::json!({"error": "invalid_grant", "error_description": INVALID_GRANT})
    );

    // refresh rotates: the old refresh token is revoked
    let refresh = t["refresh_token"].as_str().expect("refresh").to_string();
    let body = format!("grant_type=refresh_token&refresh_token={}", enc(&refresh));
    let basic = format!("Basic {}", base64_basic(CONF_ID, CONF_SECRET));
    let r = request(
        p,
        "POST",
        "/oauth/token",
        &[("Content-Type", FORM), ("Authorization", &basic)],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let t2 = json(&r);
    assert_ne!(t2["access_token"], t["access_token"]);
    assert_ne!(t2["refresh_token"], t["refresh_token"]);
    let r = request(
        p,
        "POST",
        "/oauth/token",
        &[("Content-Type", FORM), ("Authorization", &basic)],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(json(&r)["error"], "invalid_grant");

    // a wrong secret is invalid_client, 401 with WWW-Authenticate
    let refresh2 = t2["refresh_token"].as_str().expect("refresh").to_string();
    let r = token(
        p,
        &format!(
            "grant_type=refresh_token&refresh_token={}&client_id={CONF_ID}&client_secret=wrong",
            enc(&refresh2)
        ),
    )
    .await;
    assert_eq!(r.status, 401);
    assert_eq!(json(&r)["error"], "invalid_client");
    assert!(r
        .header("www-authenticate")
        .unwrap_or_default()
        .starts_with("Bearer realm=\"Doorkeeper\", error=\"invalid_client\""));
    // both Basic and a body secret: invalid_request
    let r = request(
        p,
        "POST",
        "/oauth/token",
        &[("Content-Type", FORM), ("Authorization", &basic)],
        format!("{body}&client_secret={CONF_SECRET}").as_bytes(),
    )
    .await;
    assert_eq!(
        (r.status, json(&r)["error"].clone()),
        (400, serde_json::json!("invalid_request"))
    );

    // revoke: 200 {} and the refresh token stops working; unknown tokens too
    let r = token_revoke(
        p,
        &format!(
            "token={}&client_id={CONF_ID}&client_secret={CONF_SECRET}",
            enc(&refresh2)
        ),
    )
    .await;
    assert_eq!((r.status, r.text().as_str()), (200, "{}"));
    let r = token(p, &format!("grant_type=refresh_token&refresh_token={}&client_id={CONF_ID}&client_secret={CONF_SECRET}", enc(&refresh2))).await;
    assert_eq!(json(&r)["error"], "invalid_grant");
    let r = token_revoke(
        p,
        &format!("token=unknown&client_id={CONF_ID}&client_secret={CONF_SECRET}"),
    )
    .await;
    assert_eq!((r.status, r.text().as_str()), (200, "{}"));
    // without client authentication Doorkeeper answers 403
    let r = token_revoke(p, "token=unknown").await;
    assert_eq!(r.status, 403);
    assert_eq!(json(&r)["error"], "unauthorized_client");

    // errors: grant types and missing parameters
    let r = token(p, "grant_type=password&username=a&password=b").await;
    assert_eq!(
        (r.status, json(&r)["error"].clone()),
        (400, serde_json::json!("unsupported_grant_type"))
    );
    let r = token(p, "grant_type=authorization_code&client_id=x").await;
    assert_eq!(
        json(&r),
        serde_json::json!({"error": "invalid_request", "error_description": "Missing required parameter: code."})
    );
    let r = token(p, "").await;
    assert_eq!(
        json(&r)["error_description"],
        "Missing required parameter: grant_type."
    );
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn code_needs_the_same_redirect_uri_and_client() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let cookie = login(p).await;
    let code = code_for(&s, &cookie, "").await;
    let other = format!("{}/oauth/popup.html", s.app_origin());
    let r = token(p, &format!("grant_type=authorization_code&code={code}&redirect_uri={}&client_id={CONF_ID}&client_secret={CONF_SECRET}", enc(&other))).await;
    assert_eq!(json(&r)["error"], "invalid_grant");
    let r = token(
        p,
        &format!(
            "grant_type=authorization_code&code={code}&redirect_uri={}&client_id={PUB_ID}",
            enc(&callback(&s))
        ),
    )
    .await;
    assert_eq!(json(&r)["error"], "invalid_grant");
    let r = token(
        p,
        &format!(
            "grant_type=authorization_code&code={code}&redirect_uri={}&client_id={CONF_ID}",
            enc(&callback(&s))
        ),
    )
    .await;
    assert_eq!(r.status, 401, "a confidential client needs its secret");
    // the failures did not use the code up
    let r = token(p, &code_body(&s, &code)).await;
    assert_eq!(r.status, 200);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn pkce_s256_is_verified() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let cookie = login(p).await;
    // RFC 7636 appendix B
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let pkce =
        "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    let code = code_for(&s, &cookie, pkce).await;
    let r = token(p, &code_body(&s, &code)).await;
    assert_eq!(
        json(&r)["error_description"],
        "Missing required parameter: code_verifier."
    );
    let r = token(
        p,
        &format!(
            "{}&code_verifier=wrong-verifier-wrong-verifier-wrong-verifier",
            code_body(&s, &code)
        ),
    )
    .await;
    assert_eq!(json(&r)["error"], "invalid_grant");
    let r = token(
        p,
        &format!("{}&code_verifier={verifier}", code_body(&s, &code)),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());

    // a public client with PKCE needs no secret
    let query = format!(
        "client_id={PUB_ID}&redirect_uri={}&response_type=code{pkce}",
        enc(&callback(&s))
    );
    let csrf = consent(p, &cookie, &query).await;
    let location = decide(p, &cookie, &csrf, "authorize").await;
    let code = param(location.split_once('?').expect("query").1, "code").expect("code");
    let r = token(p, &format!("grant_type=authorization_code&code={code}&redirect_uri={}&client_id={PUB_ID}&code_verifier={verifier}", enc(&callback(&s)))).await;
    assert_eq!(r.status, 200, "{}", r.text());
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn control_endpoints_register_clients_and_log_requests() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let r = post(
        p,
        "/__standin/oauth/clients",
        "application/json",
        br#"{"name":"Consumer","redirect_uris":["http://127.0.0.1:5999/cb"],"confidential":true}"#,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let c = json(&r);
    let (id, secret) = (
        c["client_id"].as_str().expect("id").to_string(),
        c["client_secret"].as_str().expect("secret").to_string(),
    );
    let r = post(
        p,
        "/__standin/oauth/clients",
        "application/json",
        br#"{"name":"SPA","redirect_uris":["http://localhost:5998/cb"],"confidential":false}"#,
    )
    .await;
    assert_eq!(json(&r)["client_secret"], serde_json::Value::Null);
    let r = post(
        p,
        "/__standin/oauth/clients",
        "application/json",
        br#"{"name":"x","redirect_uris":["javascript:alert(1)"]}"#,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(json(&r)["message"].is_string());

    let cookie = login(p).await;
    let cb = enc("http://127.0.0.1:5999/cb");
    let csrf = consent(
        p,
        &cookie,
        &format!("client_id={id}&redirect_uri={cb}&response_type=code"),
    )
    .await;
    let location = decide(p, &cookie, &csrf, "authorize").await;
    assert!(
        location.starts_with("http://127.0.0.1:5999/cb?code="),
        "{location}"
    );
    let code = param(location.split_once('?').expect("query").1, "code").expect("code");
    let r = token(p, &format!("grant_type=authorization_code&code={code}&redirect_uri={cb}&client_id={id}&client_secret={secret}")).await;
    assert_eq!(r.status, 200);
    let refresh = json(&r)["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_string();
    token(p, &format!("grant_type=refresh_token&refresh_token={refresh}&client_id={id}&client_secret={secret}")).await;
    token(p, "grant_type=refresh_token&refresh_token=nope").await;

    let log = json(&common::get(p, "/__standin/oauth/log").await);
    assert_eq!(
        log["token_requests"],
        serde_json::json!({"authorization_code": 1, "refresh_token": 2})
    );
    let last = log["last"].as_array().expect("last");
    assert_eq!(last.len(), 3);
    assert_eq!(last[0]["params"]["client_id"], id.as_str());
    assert_eq!(last[0]["client_auth"], "body");
    assert_eq!(last[2]["status"], 400);
    assert!(!log.to_string().contains(&secret), "no secrets in the log");
    assert!(!log.to_string().contains(&refresh));

    let r = post(p, "/__standin/oauth/reset", "application/json", b"").await;
    assert_eq!(r.status, 204);
    let log = json(&common::get(p, "/__standin/oauth/log").await);
    assert_eq!(log["token_requests"], serde_json::json!({}));
    s.shutdown().await.expect("shutdown");
}

fn base64_basic(id: &str, secret: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
}

async fn token_revoke(p: SocketAddr, body: &str) -> Reply {
    post(p, "/oauth/revoke", FORM, body.as_bytes()).await
}
