//! The platform origin: meeting room, livestream, SSO, auth log.

mod common;

use common::{get, get_with_cookie, post, request, server, session_cookie};

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn meeting_page_echoes_query_params() {
    let s = server(vec![]).await;
    let r = get(
        s.platform_addr(),
        "/conf/call/123456?name=Steve+Irwin&skip_join=true&custom=a%26b&xss=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let body = r.text();
    assert!(body.contains("<dl id=\"params\""), "{body}");
    assert!(body.contains("<dd data-param=\"name\">Steve Irwin</dd>"));
    assert!(body.contains("<dd data-param=\"skip_join\">true</dd>"));
    assert!(body.contains("<dd data-param=\"custom\">a&amp;b</dd>"));
    assert!(body.contains("<dd data-param=\"xss\">&lt;script&gt;alert(1)&lt;/script&gt;</dd>"));
    assert!(!body.contains("<script>alert"));
    assert!(body.contains("<output id=\"access-code\">123456</output>"));
    assert!(body.contains("<output id=\"signed-in\">not signed in</output>"));
    assert!(body.contains("<link rel=\"icon\" href=\"data:,\">"));
    for id in ["hangup", "kicked", "blocked", "unknown", "other-reason"] {
        assert!(
            body.contains(&format!("<button type=\"button\" id=\"{id}\">")),
            "{id}"
        );
    }
    assert!(body.contains("window.parent.postMessage(message, '*')"));
    assert!(body.contains("{type: 'vivomeetingsLeaveCallEvent', reason: reason}"));
    assert!(body.contains("{type: 'vivomeetingsParticipantJoinedEvent', participant: 'Ann'}"));
    assert!(!body.contains("data-after-call-url=\""));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn meeting_page_shows_display_options_and_escapes_the_code() {
    let s = server(vec![]).await;
    let r = get(
        s.platform_addr(),
        "/conf/call/abc?view=bottom_speaker&strip_layout=true&observer=true&mute=camera,mic&k=%22q%22",
    )
    .await;
    let body = r.text();
    assert!(
        body.contains("class=\"room strip\" data-view=\"bottom_speaker\""),
        "{body}"
    );
    assert!(body.contains("id=\"observer-badge\""));
    assert!(body.contains("id=\"camera-off\""));
    assert!(body.contains("id=\"mic-off\""));
    assert!(body.contains("<dd data-param=\"mute\">camera,mic</dd>"));
    assert!(body.contains("<dd data-param=\"k\">&quot;q&quot;</dd>"));

    let r = get(s.platform_addr(), "/conf/call/%3Cb%3E?view=%3Cx%3E").await;
    let body = r.text();
    assert_eq!(r.status, 200);
    assert!(body.contains("<output id=\"access-code\">&lt;b&gt;</output>"));
    assert!(body.contains("data-view=\"gallery\""));
    assert!(!body.contains("<b>"));
    assert!(body.contains("id=\"no-params\"") || body.contains("data-param=\"view\""));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn livestream_and_other_pages() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let r = get(p, "/livestream/123456").await;
    assert_eq!(r.status, 200);
    assert!(r
        .text()
        .contains("<output id=\"access-code\">123456</output>"));
    assert!(!r.text().contains("postMessage"));

    let r = get(p, "/").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/conf/calls/upcoming"));

    let r = get(p, "/conf/calls/upcoming").await;
    assert!(r
        .text()
        .contains("<output id=\"signed-in\">not signed in</output>"));
    let r = get(p, "/conf/create").await;
    assert_eq!(r.status, 200);
    let r = get(p, "/after-call").await;
    assert!(r
        .text()
        .contains("<h1 id=\"after-call\">Thanks for joining</h1>"));

    let r = get(p, "/nope").await;
    assert_eq!(r.status, 404);
    assert!(r.text().contains("id=\"not-found\""));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn post_form_auth_signs_in_and_redirects() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let r = post(
        p,
        "/auth",
        FORM,
        b"host_id=8&login_token_public_key=a1b2c3d4e5f6&redirect_url=%2Fconf%2Fcall%2F1234567%3Fname%3DJohn%2BHost&after_call_url=%2Fafter-call",
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(
        r.header("location"),
        Some("/conf/call/1234567?name=John+Host")
    );
    let set_cookie = r.header("set-cookie").expect("cookie");
    assert!(set_cookie.ends_with("; Path=/; HttpOnly; SameSite=None; Secure; Partitioned"));
    let cookie = session_cookie(&r);

    let r = get_with_cookie(p, "/conf/calls/upcoming", &cookie).await;
    let body = r.text();
    assert!(
        body.contains("<output id=\"signed-in\">John Host (host 8)</output>"),
        "{body}"
    );
    assert!(body.contains("href=\"/conf/call/1234567\""));

    let r = get_with_cookie(
        p,
        "/conf/call/1234567?name=John+Host",
        &format!("other=1; {cookie}"),
    )
    .await;
    let body = r.text();
    assert!(body.contains("<output id=\"signed-in\">John Host (host 8)</output>"));
    assert!(body.contains("data-after-call-url=\"/after-call\""));

    // reset forgets the session
    let r = request(p, "POST", "/__standin/reset", &[], b"").await;
    assert_eq!(r.status, 204);
    let r = get_with_cookie(p, "/conf/calls/upcoming", &cookie).await;
    assert!(r
        .text()
        .contains("<output id=\"signed-in\">not signed in</output>"));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn post_json_auth_accepts_numbers_and_strings() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let r = post(
        p,
        "/auth",
        "application/json",
        br#"{"host_id": 8, "login_token_public_key": "a1b2c3d4e5f6", "redirect_url": "/conf/calls/upcoming", "after_call_url": "https://en.wikipedia.org"}"#,
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/conf/calls/upcoming"));
    session_cookie(&r);

    let r = post(
        p,
        "/auth",
        "application/json; charset=utf-8",
        br#"{"host_id": "9", "login_token_public_key": "demo-token-9", "redirect_url": "/conf/create"}"#,
    )
    .await;
    assert_eq!(r.status, 303);
    let cookie = session_cookie(&r);
    let r = get_with_cookie(p, "/conf/create", &cookie).await;
    assert!(r.text().contains("Jane Host (host 9)"));

    let r = post(p, "/auth", "application/json", b"[not json").await;
    assert_eq!(r.status, 400);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn get_auth_signs_in() {
    let s = server(vec![]).await;
    let r = get(
        s.platform_addr(),
        "/auth?host_id=8&login_token_public_key=a1b2c3d4e5f6&redirect_url=/conf/create",
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/conf/create"));
    session_cookie(&r);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn bad_or_missing_credentials_give_401() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    for target in [
        "/auth?host_id=8&login_token_public_key=wrong&redirect_url=/",
        "/auth?host_id=9&login_token_public_key=a1b2c3d4e5f6&redirect_url=/",
        "/auth?host_id=08&login_token_public_key=a1b2c3d4e5f6&redirect_url=/",
        "/auth?redirect_url=/",
    ] {
        let r = get(p, target).await;
        assert_eq!(r.status, 401, "{target}");
        assert!(r
            .text()
            .contains("<h1 id=\"auth-error\">Sign-in failed</h1>"));
        assert!(r.header("set-cookie").is_none());
    }
    // POST reads the body only, never the query string.
    let r = post(
        p,
        "/auth?host_id=8&login_token_public_key=a1b2c3d4e5f6&redirect_url=/",
        FORM,
        b"",
    )
    .await;
    assert_eq!(r.status, 401);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn unsafe_redirects_give_400() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let creds = "host_id=8&login_token_public_key=a1b2c3d4e5f6";
    for redirect in [
        "%2F%2Fevil.example%2F",
        "%2F%5Cevil.example",
        "https%3A%2F%2Fevil.example%2F",
        "http%3A%2F%2F127.0.0.1%3A1%2F",
        "javascript%3Aalert(1)",
        "conf%2Fcreate",
    ] {
        let r = get(p, &format!("/auth?{creds}&redirect_url={redirect}")).await;
        assert_eq!(r.status, 400, "{redirect}");
        assert!(r.text().contains("unsafe redirect_url"));
        assert!(r.header("set-cookie").is_none());
    }
    let r = get(p, &format!("/auth?{creds}")).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("missing redirect_url"));

    let r = get(
        p,
        &format!("/auth?{creds}&redirect_url=/&after_call_url=javascript:alert(1)"),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("unsafe after_call_url"));

    // absolute on the platform's own origin is fine
    let own = format!("{}/conf/create", s.platform_origin());
    let r = post(
        p,
        "/auth",
        FORM,
        format!(
            "{creds}&redirect_url={}",
            own.replace(':', "%3A").replace('/', "%2F")
        )
        .as_bytes(),
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some(own.as_str()));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn auth_log_records_method_url_and_content_type() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    post(
        p,
        "/auth",
        FORM,
        b"host_id=8&login_token_public_key=a1b2c3d4e5f6&redirect_url=%2F",
    )
    .await;
    get(
        p,
        "/auth?host_id=9&login_token_public_key=nope&redirect_url=/",
    )
    .await;

    let r = get(p, "/__standin/auth-log").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let log: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
    let entries = log.as_array().expect("array");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["method"], "POST");
    assert_eq!(entries[0]["url"], "/auth");
    assert_eq!(entries[0]["content_type"], FORM);
    assert_eq!(entries[0]["fields"]["host_id"], "8");
    assert_eq!(entries[0]["fields"]["redirect_url"], "/");
    assert_eq!(entries[0]["status"], 303);
    assert_eq!(entries[1]["method"], "GET");
    assert_eq!(
        entries[1]["url"],
        "/auth?host_id=9&login_token_public_key=nope&redirect_url=/"
    );
    assert_eq!(entries[1]["content_type"], serde_json::Value::Null);
    assert_eq!(entries[1]["status"], 401);

    let r = request(p, "OPTIONS", "/__standin/reset", &[], b"").await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = request(p, "POST", "/__standin/reset", &[], b"").await;
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = get(p, "/__standin/auth-log").await;
    assert_eq!(r.text(), "[]");

    // only the /__standin/ endpoints get CORS
    let r = get(p, "/conf/call/1").await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    s.shutdown().await.expect("shutdown");
}
