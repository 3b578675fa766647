//! Webhooks: endpoint registration, the room's start/end, on-demand
//! events, the control page and the delivery log.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use common::{get, post, request, server, Reply};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use vivomeetings_standin::WEBHOOK_EVENTS;

/// One request the fake partner endpoint received.
#[derive(Debug)]
struct Received {
    head: String,
    body: String,
}

/// A fake partner endpoint answering `status` to every request.
async fn receiver(status: u16) -> (SocketAddr, mpsc::UnboundedReceiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut raw = Vec::new();
                let mut buf = [0u8; 4096];
                loop {
                    let n = stream.read(&mut buf).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    raw.extend_from_slice(&buf[..n]);
                    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
                    let length = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse::<usize>().ok())?
                        })
                        .unwrap_or(0);
                    if raw.len() < split + 4 + length {
                        continue;
                    }
                    let body =
                        String::from_utf8_lossy(&raw[split + 4..split + 4 + length]).into_owned();
                    let _ = tx.send(Received { head, body });
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    );
                    let _ = stream.write_all(reply.as_bytes()).await;
                    return;
                }
            });
        }
    });
    (addr, rx)
}

async fn next(rx: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a webhook in time")
        .expect("receiver alive")
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_slice(&reply.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", reply.status, reply.text()))
}

async fn register(p: SocketAddr, url: &str) -> Reply {
    post(
        p,
        "/__standin/webhooks/endpoint",
        "application/json",
        json!({ "url": url }).to_string().as_bytes(),
    )
    .await
}

/// The double-encoded body: `event` and the decoded `payload`.
fn decode(received: &Received) -> (String, Value) {
    let outer: Value = serde_json::from_str(&received.body).expect("json body");
    let keys: Vec<&String> = outer.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["event", "payload"]);
    let payload = outer["payload"].as_str().expect("payload is a string");
    (
        outer["event"].as_str().expect("event").to_string(),
        serde_json::from_str(payload).expect("payload is serialized JSON"),
    )
}

#[tokio::test]
async fn registration_is_loopback_only() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    for bad in [
        "https://127.0.0.1:9/x",
        "http://example.com/x",
        "http://127.0.0.1:0/x",
        "nope",
    ] {
        let r = register(p, bad).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(json_of(&r)["message"].is_string());
    }
    let r = register(p, "http://localhost:9999/hooks/vivo?secret=abc").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        json_of(&r),
        json!({"url": "http://localhost:9999/hooks/vivo?secret=***"})
    );
    let r = post(
        p,
        "/__standin/webhooks/endpoint",
        "application/json",
        br#"{"url": null}"#,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = post(
        p,
        "/__standin/webhooks/send",
        "application/json",
        br#"{"event":"conference_end"}"#,
    )
    .await;
    assert_eq!(r.status, 409);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn every_event_on_demand_double_encoded() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let (addr, mut rx) = receiver(200).await;
    register(
        p,
        &format!("http://127.0.0.1:{}/hooks/vivo?secret=s3cr3t", addr.port()),
    )
    .await;
    for event in WEBHOOK_EVENTS {
        let r = post(
            p,
            "/__standin/webhooks/send",
            "application/json",
            json!({ "event": event }).to_string().as_bytes(),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(json_of(&r)["status"], 200);
        let got = next(&mut rx).await;
        assert!(
            got.head
                .starts_with("POST /hooks/vivo?secret=s3cr3t HTTP/1.1"),
            "{}",
            got.head
        );
        assert!(got
            .head
            .to_ascii_lowercase()
            .contains("content-type: application/json"));
        let (name, payload) = decode(&got);
        assert_eq!(name, event);
        assert_eq!(payload["host_id"], 8);
        assert_eq!(payload["conference_id"], 801);
        match event {
            "recording_ready" => {
                assert!(payload["recording_id"].is_u64());
                assert!(payload["download_link"]
                    .as_str()
                    .unwrap_or_default()
                    .starts_with("https://"));
            }
            "enter_livestream" | "leave_livestream" => assert!(payload["participant_id"].is_u64()),
            _ => assert_eq!(payload.as_object().map(|o| o.len()), Some(2)),
        }
    }
    // a payload override, a raw payload and the exact handbook shape
    post(
        p,
        "/__standin/webhooks/send",
        "application/json",
        br#"{"event":"conference_end","payload":{"conference_id":1258835,"host_id":61803}}"#,
    )
    .await;
    let got = next(&mut rx).await;
    assert_eq!(
        got.body,
        r#"{"event":"conference_end","payload":"{\"conference_id\":1258835,\"host_id\":61803}"}"#
    );
    post(
        p,
        "/__standin/webhooks/send",
        "application/json",
        br#"{"event":"mystery","raw_payload":"not json"}"#,
    )
    .await;
    assert_eq!(
        next(&mut rx).await.body,
        r#"{"event":"mystery","payload":"not json"}"#
    );

    let log = json_of(&get(p, "/__standin/webhooks/log").await);
    let log = log.as_array().expect("array");
    assert_eq!(log.len(), 12);
    assert_eq!(log[0]["event"], "conference_start");
    assert_eq!(
        log[0]["url"],
        format!("http://127.0.0.1:{}/hooks/vivo?secret=***", addr.port())
    );
    assert_eq!(log[0]["status"], 200);
    assert!(!Value::Array(log.clone()).to_string().contains("s3cr3t"));
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn room_start_and_hangup_send_conference_events() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    let (addr, mut rx) = receiver(204).await;
    register(
        p,
        &format!("http://127.0.0.1:{}/hooks/vivo/s3cr3t", addr.port()),
    )
    .await;

    let r = get(p, "/conf/call/7654321?name=Ann").await;
    assert_eq!(r.status, 200);
    assert!(r
        .text()
        .contains("fetch(location.pathname + '/end', {method: 'POST', keepalive: true})"));
    let got = next(&mut rx).await;
    assert!(got.head.starts_with("POST /hooks/vivo/s3cr3t HTTP/1.1"));
    assert_eq!(
        decode(&got),
        (
            "conference_start".to_string(),
            json!({"conference_id": 901, "host_id": 9})
        )
    );
    // a second load of the running room sends nothing
    get(p, "/conf/call/7654321").await;

    let r = request(p, "POST", "/conf/call/7654321/end", &[], b"").await;
    assert_eq!(r.status, 204);
    let got = next(&mut rx).await;
    assert_eq!(
        decode(&got),
        (
            "conference_end".to_string(),
            json!({"conference_id": 901, "host_id": 9})
        )
    );
    // ending again sends nothing; loading again starts it again
    request(p, "POST", "/conf/call/7654321/end", &[], b"").await;
    get(p, "/conf/call/7654321").await;
    assert_eq!(decode(&next(&mut rx).await).0, "conference_start");

    // an unknown room is an ad-hoc conference of host 8
    get(p, "/conf/call/555").await;
    assert_eq!(
        decode(&next(&mut rx).await).1,
        json!({"conference_id": 5001, "host_id": 8})
    );
    assert!(rx.try_recv().is_err());

    tokio::time::sleep(Duration::from_millis(100)).await;
    let log = json_of(&get(p, "/__standin/webhooks/log").await);
    assert_eq!(
        log[0]["url"],
        format!("http://127.0.0.1:{}/hooks/vivo/***", addr.port())
    );
    assert_eq!(log[0]["status"], 204);
    s.shutdown().await.expect("shutdown");
}

#[tokio::test]
async fn failures_are_logged_and_the_control_page_sends() {
    let s = server(vec![]).await;
    let p = s.platform_addr();
    // nothing listens there
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    register(p, &format!("http://127.0.0.1:{port}/hooks?secret=x")).await;
    let r = post(
        p,
        "/__standin/webhooks/send",
        "application/json",
        br#"{"event":"start_recording"}"#,
    )
    .await;
    let d = json_of(&r);
    assert_eq!(d["status"], Value::Null);
    assert!(
        d["error"]
            .as_str()
            .unwrap_or_default()
            .starts_with("connect"),
        "{d}"
    );

    let (addr, mut rx) = receiver(500).await;
    register(
        p,
        &format!("http://127.0.0.1:{}/hooks?secret=x", addr.port()),
    )
    .await;
    let r = get(p, "/__standin/webhooks").await;
    assert_eq!(r.status, 200);
    let body = r.text();
    for event in WEBHOOK_EVENTS {
        assert!(
            body.contains(&format!(
                "name=\"event\" value=\"{event}\" id=\"send-{event}\""
            )),
            "{event}"
        );
    }
    assert!(!body.contains("<script"));
    let r = post(
        p,
        "/__standin/webhooks",
        "application/x-www-form-urlencoded",
        b"event=transcription_ready",
    )
    .await;
    assert!(
        r.text()
            .contains("<output id=\"result\">transcription_ready: HTTP 500</output>"),
        "{}",
        r.text()
    );
    assert_eq!(decode(&next(&mut rx).await).0, "transcription_ready");

    let log = json_of(&get(p, "/__standin/webhooks/log").await);
    assert_eq!(log.as_array().map(Vec::len), Some(2));
    assert_eq!(log[1]["status"], 500);
    assert_eq!(
        post(p, "/__standin/webhooks/reset", "application/json", b"")
            .await
            .status,
        204
    );
    assert_eq!(get(p, "/__standin/webhooks/log").await.text(), "[]");
    s.shutdown().await.expect("shutdown");
}
