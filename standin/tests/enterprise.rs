//! The Enterprise API with Bearer tokens: methods, errors, CORS.

mod common;

use std::net::SocketAddr;

use common::{get_with_cookie, post, request, server, session_cookie, Reply};
use serde_json::{json, Value};
use vivomeetings_standin::{Running, DEMO_PUBLIC_CLIENT_ID};

const FORM: &str = "application/x-www-form-urlencoded";

fn json_of(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", reply.status, reply.text()))
}

/// An access token for a demo host, through the implicit flow.
async fn token_for(s: &Running, email: &str, password: &str) -> String {
    let p = s.platform_addr();
    let r = post(
        p,
        "/oauth/login",
        FORM,
        format!("email={email}&password={password}&return_to=%2Foauth%2Fauthorize").as_bytes(),
    )
    .await;
    let cookie = session_cookie(&r);
    let cb: String = form_urlencoded::byte_serialize(
        format!("{}/oauth/callback.html", s.app_origin()).as_bytes(),
    )
    .collect();
    let r = get_with_cookie(
        p,
        &format!("/oauth/authorize?client_id={DEMO_PUBLIC_CLIENT_ID}&redirect_uri={cb}&response_type=token"),
        &cookie,
    )
    .await;
    let body = r.text();
    let marker = "name=\"authenticity_token\" value=\"";
    let start = body.find(marker).expect("consent form") + marker.len();
    let csrf = &body[start..start + body[start..].find('"').expect("end")];
    let r = request(
        p,
        "POST",
        "/oauth/authorize",
        &[("Content-Type", FORM), ("Cookie", &cookie)],
        format!("authenticity_token={csrf}&decision=authorize").as_bytes(),
    )
    .await;
    let location = r.header("location").expect("location");
    let fragment = location.split_once('#').expect("fragment").1;
    form_urlencoded::parse(fragment.as_bytes())
        .find(|(k, _)| k == "access_token")
        .map(|(_, v)| v.into_owned())
        .expect("access_token")
}

async fn call(p: SocketAddr, method: &str, token: &str, body: &str) -> Reply {
    let auth = format!("Bearer {token}");
    request(
        p,
        "POST",
        &format!("/enterprise_api/{method}"),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        body.as_bytes(),
    )
    .await
}

#[tokio::test]
async fn host_methods_answer_for_the_tokens_user() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let origin = s.platform_origin();
    let token = token_for(&s, "john%40company.tld", "demo-password-8").await;

    let r = call(p, "host/fetch", &token, "{}").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let host = json_of(&r);
    assert_eq!(host["host_id"], 8);
    assert_eq!(host["name"], "John Host");
    assert_eq!(host["email"], "john@company.tld");
    assert_eq!(host["meeting_url"], format!("{origin}/conf/call/1234567"));
    assert_eq!(host["access_code"]["number"], "1234567");
    assert_eq!(host["primary_dialin_number"]["phone_number"], "14165551234");
    assert_eq!(host["role"], "HOST");

    let r = call(
        p,
        "host/conferences",
        &token,
        r#"{"host_id": 8, "output": "summary"}"#,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let list = json_of(&r);
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["conference_id"], 801);
    assert_eq!(list[0]["access_code"], "1234567");
    assert_eq!(list[0]["room_url"], format!("{origin}/conf/call/1234567"));
    assert_eq!(list[0]["meeting_url"], list[0]["room_url"]);
    assert_eq!(list[0]["host_name"], "John Host");
    assert_eq!(list[1]["subject"], "Weekly sync");
    let start = list[0]["start_time"].as_str().expect("start");
    assert_eq!(start.len(), "2020-09-29 11:10:00".len());
    assert!(list[0]["end_time"].as_str().expect("end") > start);

    // another host's id: 403
    let r = call(p, "host/fetch", &token, r#"{"host_id": 9}"#).await;
    assert_eq!(r.status, 403);
    assert!(json_of(&r)["message"].is_string());
    // Jane sees her own
    let jane = token_for(&s, "jane%40company.tld", "demo-password-9").await;
    let r = call(p, "host/conferences", &jane, "").await;
    assert_eq!(json_of(&r)[0]["access_code"], "7654321");
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn conferences_are_created_and_fetched() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let token = token_for(&s, "john%40company.tld", "demo-password-8").await;
    for method in ["conference/create", "conference/create/reservationless"] {
        let r = call(
            p,
            method,
            &token,
            r#"{"host_id": 8, "one_time_access_code": true}"#,
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let c = json_of(&r);
        assert_eq!(c["active"], true);
        assert_eq!(c["duration"], 60);
        let code = c["one_time_access_code"].as_u64().expect("numeric code");
        assert_eq!(
            c["room_url"],
            format!("{}/conf/call/{code}", s.platform_origin())
        );
        let id = c["conference_id"].as_u64().expect("id");
        let r = call(
            p,
            "conference/fetch",
            &token,
            &format!(r#"{{"conference_id": {id}}}"#),
        )
        .await;
        assert_eq!(r.status, 200);
        assert_eq!(json_of(&r)["conference_id"], id);
        assert_eq!(json_of(&r)["recordings"], json!([]));
    }
    // the created ones are upcoming conferences too
    let r = call(p, "host/conferences", &token, "{}").await;
    assert_eq!(json_of(&r).as_array().map(Vec::len), Some(4));

    let r = call(p, "conference/fetch", &token, r#"{"conference_id": 901}"#).await;
    assert_eq!(r.status, 403, "Jane's conference");
    let r = call(p, "conference/fetch", &token, r#"{"conference_id": 5}"#).await;
    assert_eq!(r.status, 404);
    assert_eq!(json_of(&r)["message"], "Conference not found");
    let r = call(p, "conference/fetch", &token, "[1]").await;
    assert_eq!(r.status, 400);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn bad_tokens_unknown_methods_and_forced_answers() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let token = token_for(&s, "john%40company.tld", "demo-password-8").await;

    let r = request(p, "POST", "/enterprise_api/host/fetch", &[], b"{}").await;
    assert_eq!(r.status, 401);
    assert_eq!(json_of(&r)["message"], "Missing Bearer token");
    let r = call(p, "host/fetch", "nope", "{}").await;
    assert_eq!(
        (r.status, json_of(&r)["message"].clone()),
        (401, json!("The access token is invalid"))
    );
    assert!(r.header("www-authenticate").is_some());

    // expired on demand
    let r = post(
        p,
        "/__standin/oauth/expire",
        "application/json",
        format!(r#"{{"access_token":"{token}"}}"#).as_bytes(),
    )
    .await;
    assert_eq!(json_of(&r), json!({"expired": 1}));
    let r = call(p, "host/fetch", &token, "{}").await;
    assert_eq!(
        (r.status, json_of(&r)["message"].clone()),
        (401, json!("The access token expired"))
    );

    // revoked
    let token = token_for(&s, "john%40company.tld", "demo-password-8").await;
    assert_eq!(call(p, "host/fetch", &token, "{}").await.status, 200);
    post(
        p,
        "/oauth/revoke",
        FORM,
        format!("token={token}&client_id={DEMO_PUBLIC_CLIENT_ID}").as_bytes(),
    )
    .await;
    let r = call(p, "host/fetch", &token, "{}").await;
    assert_eq!(
        (r.status, json_of(&r)["message"].clone()),
        (401, json!("The access token was revoked"))
    );

    let r = call(p, "host/nope", &token, "{}").await;
    assert_eq!(r.status, 404);
    assert_eq!(json_of(&r)["message"], "Unknown method host/nope");
    assert_eq!(
        request(p, "GET", "/enterprise_api/host/fetch", &[], b"")
            .await
            .status,
        404
    );

    for code in [403u16, 500, 503] {
        let r = request(
            p,
            "POST",
            &format!("/enterprise_api/__standin/status?code={code}"),
            &[],
            b"{}",
        )
        .await;
        assert_eq!(r.status, code);
        assert!(json_of(&r)["message"].is_string());
    }
    let r = request(
        p,
        "POST",
        "/enterprise_api/__standin/status?code=502&non_json=1",
        &[],
        b"",
    )
    .await;
    assert_eq!(r.status, 502);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
    let r = request(
        p,
        "POST",
        "/enterprise_api/__standin/status?non_json=1",
        &[],
        b"",
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn cors_for_the_app_origin_and_registered_client_origins() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let app = s.app_origin();
    let preflight = |origin: String| async move {
        request(
            p,
            "OPTIONS",
            "/enterprise_api/host/conferences",
            &[
                ("Origin", &origin),
                ("Access-Control-Request-Method", "POST"),
                (
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                ),
            ],
            b"",
        )
        .await
    };
    let r = preflight(app.clone()).await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some(app.as_str()));
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("POST, OPTIONS")
    );
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("Authorization, Content-Type")
    );

    let r = preflight("http://127.0.0.1:5999".to_string()).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    post(
        p,
        "/__standin/oauth/clients",
        "application/json",
        br#"{"name":"c","redirect_uris":["http://127.0.0.1:5999/cb"],"confidential":false}"#,
    )
    .await;
    let r = preflight("http://127.0.0.1:5999".to_string()).await;
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://127.0.0.1:5999")
    );

    // errors carry the header too
    let r = request(
        p,
        "POST",
        "/enterprise_api/host/fetch",
        &[("Origin", &app)],
        b"{}",
    )
    .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some(app.as_str()));
    let r = request(
        p,
        "POST",
        "/enterprise_api/nope",
        &[("Origin", &app)],
        b"{}",
    )
    .await;
    assert_eq!(
        (r.status, r.header("access-control-allow-origin")),
        (404, Some(app.as_str()))
    );
    let r = request(
        p,
        "POST",
        "/enterprise_api/host/fetch",
        &[("Origin", "http://evil.example")],
        b"{}",
    )
    .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    s.shutdown().await.expect("shutdown");
}
