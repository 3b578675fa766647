//! The binary: prints both origins, serves, and exits when stdin closes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn binary_prints_origins_and_exits_on_stdin_eof() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vivomeetings-standin"))
        .args([
            "--platform-port",
            "0",
            "--app-port",
            "0",
            "--exit-on-stdin-eof",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the binary");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let platform = lines.next().expect("first line").expect("utf-8");
    let app = lines.next().expect("second line").expect("utf-8");
    let platform_port: u16 = platform
        .strip_prefix("platform: http://localhost:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("bad platform line {platform:?}"));
    let app_port: u16 = app
        .strip_prefix("app: http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("bad app line {app:?}"));

    for (port, path, expected) in [
        (platform_port, "/after-call", "HTTP/1.1 200"),
        (app_port, "/config.js", "HTTP/1.1 200"),
    ] {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        let mut reply = String::new();
        stream.read_to_string(&mut reply).expect("read");
        assert!(reply.starts_with(expected), "{path}: {reply}");
    }

    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "{status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the binary did not exit after stdin closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
