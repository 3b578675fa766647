//! The partner app origin: mounts, content types, traversal, CSP, config.

mod common;

use std::path::PathBuf;

use common::{get, request, server, temp_dir, write};
use vivomeetings_standin::{Command, Config, Mount, Running};

/// www/ mounted at `/`, pkg/ at `/pkg`, and a secret file beside both.
fn fixture() -> (PathBuf, Vec<Mount>) {
    let root = temp_dir("app");
    let www = root.join("www");
    let pkg = root.join("pkg");
    let files: [(&str, &[u8]); 14] = [
        ("www/index.html", b"<!doctype html><title>home</title>"),
        ("www/app.js", b"console.log(1);"),
        ("www/mod.mjs", b"export {};"),
        ("www/style.css", b"body{}"),
        ("www/img.png", b"\x89PNG\r\n\x1a\n"),
        (
            "www/logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("www/data.json", b"{}"),
        ("www/sub/index.html", b"<!doctype html><title>sub</title>"),
        ("www/csp/index.html", b"<!doctype html><title>csp</title>"),
        ("www/csp/app.js", b"1;"),
        ("www/pkg/shadowed.js", b"shadowed"),
        ("pkg/lib.wasm", b"\0asm\x01\0\0\0"),
        ("pkg/lib.js", b"export default 1;"),
        ("Cargo.toml", b"TOP SECRET"),
    ];
    for (path, contents) in files {
        write(&root.join(path), contents);
    }
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(root.join("Cargo.toml"), www.join("escape.txt"));
    }
    let mounts = vec![
        Mount::parse(&format!("/={}", www.display())).expect("mount"),
        Mount::parse(&format!("/pkg/={}", pkg.display())).expect("mount"),
    ];
    (root, mounts)
}

/// A stand-in serving [`fixture`]'s files.
struct Served {
    root: PathBuf,
    server: Running,
}

impl Served {
    async fn start() -> Self {
        let (root, mounts) = fixture();
        let server = server(mounts).await;
        Self { root, server }
    }

    /// Removes the fixture's files, then shuts the stand-in down.
    async fn stop(self) {
        let _ = std::fs::remove_dir_all(self.root);
        self.server.shutdown().await.expect("shutdown");
    }
}

#[tokio::test]
async fn mounts_serve_files_with_content_types() {
    let served = Served::start().await;
    let a = served.server.app_addr();
    for (path, ct) in [
        ("/index.html", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/mod.mjs", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/img.png", "image/png"),
        ("/logo.svg", "image/svg+xml"),
        ("/data.json", "application/json"),
        ("/pkg/lib.wasm", "application/wasm"),
        ("/pkg/lib.js", "text/javascript; charset=utf-8"),
    ] {
        let r = get(a, path).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ct), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    assert_eq!(get(a, "/pkg/lib.wasm").await.body, b"\0asm\x01\0\0\0");

    // directories serve index.html; without the slash they redirect first
    let r = get(a, "/").await;
    assert_eq!(r.text(), "<!doctype html><title>home</title>");
    let r = get(a, "/sub/").await;
    assert_eq!(r.text(), "<!doctype html><title>sub</title>");
    // (ServeDir's redirect is a 307; the hand-written server sent a 301)
    let r = get(a, "/sub?x=1").await;
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/sub/?x=1"));
    // below a prefix the redirect keeps the prefix
    write(&served.root.join("pkg/dir/index.html"), b"<!doctype html>");
    let r = get(a, "/pkg/dir").await;
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/pkg/dir/"));
    assert_eq!(get(a, "/pkg/dir/").await.status, 200);
    // the mount's own directory without the slash redirects too
    write(
        &served.root.join("pkg/index.html"),
        b"<!doctype html><title>pkg</title>",
    );
    let r = get(a, "/pkg?v=1").await;
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/pkg/?v=1"));
    assert_eq!(
        get(a, "/pkg/").await.text(),
        "<!doctype html><title>pkg</title>"
    );
    // HEAD works, and so do ranges (ServeDir)
    let r = request(a, "HEAD", "/app.js", &[], b"").await;
    assert_eq!(r.status, 200);
    let r = request(a, "GET", "/app.js", &[("Range", "bytes=0-6")], b"").await;
    assert_eq!((r.status, r.text().as_str()), (206, "console"));

    // longest prefix wins: /pkg is the pkg dir, not www/pkg
    assert_eq!(get(a, "/pkg/shadowed.js").await.status, 404);
    assert_eq!(get(a, "/missing.js").await.status, 404);
    assert_eq!(get(a, "/favicon.ico").await.status, 204);
    assert_eq!(request(a, "POST", "/app.js", &[], b"").await.status, 405);
    served.stop().await;
}

#[tokio::test]
async fn mounts_reject_traversal() {
    let served = Served::start().await;
    let a = served.server.app_addr();
    for path in [
        "/pkg/../Cargo.toml",
        "/../Cargo.toml",
        "/pkg/%2e%2e/Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2fCargo.toml",
        "/pkg/..%2fCargo.toml",
        "/pkg/..%5cCargo.toml",
        "/sub/%2e%2e/%2e%2e/Cargo.toml",
        "/%zz",
    ] {
        let r = get(a, path).await;
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(!r.text().contains("TOP SECRET"), "{path}");
    }
    // ServeDir follows symbolic links inside a mounted directory (the
    // hand-written server refused links leading outside it): a mounted
    // directory is the developer's own choice of files.
    #[cfg(unix)]
    assert_eq!(get(a, "/escape.txt").await.text(), "TOP SECRET");
    served.stop().await;
}

#[tokio::test]
async fn csp_header_only_on_html_under_csp() {
    let served = Served::start().await;
    let a = served.server.app_addr();
    let expected = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-src http://localhost:{}; style-src 'self'",
        served.server.platform_addr().port()
    );
    let r = get(a, "/csp/index.html").await;
    assert_eq!(r.header("content-security-policy"), Some(expected.as_str()));
    let r = get(a, "/csp/").await;
    assert_eq!(r.header("content-security-policy"), Some(expected.as_str()));
    assert_eq!(
        get(a, "/csp/app.js")
            .await
            .header("content-security-policy"),
        None
    );
    assert_eq!(
        get(a, "/index.html")
            .await
            .header("content-security-policy"),
        None
    );
    assert_eq!(
        get(a, "/sub/").await.header("content-security-policy"),
        None
    );
    served.stop().await;
}

#[tokio::test]
async fn config_endpoints_name_both_origins() {
    let s = server(vec![]).await;
    let a = s.app_addr();
    let platform = format!("http://localhost:{}", s.platform_addr().port());
    let app = format!("http://127.0.0.1:{}", a.port());
    assert_eq!(s.platform_origin(), platform);
    assert_eq!(s.app_origin(), app);

    let r = get(a, "/config.js").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        r.text(),
        format!("window.VIVO_PLATFORM = \"{platform}\";\n")
    );

    let r = get(a, "/config.json").await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.text(),
        format!("{{\"platform\":\"{platform}\",\"app\":\"{app}\"}}")
    );
    // the platform does not serve the app's files and vice versa
    assert_eq!(get(s.platform_addr(), "/config.js").await.status, 404);
    assert_eq!(get(a, "/conf/call/1").await.status, 404);
    s.shutdown().await.expect("shutdown");
}

#[test]
fn command_line_parsing() {
    let parse = |args: &[&str]| Config::from_args(args.iter().copied());
    assert_eq!(parse(&[]), Ok(Command::Run(Config::default())));
    let Ok(Command::Run(c)) = parse(&[
        "--platform-port",
        "0",
        "--app-port=9000",
        "--mount",
        "/=www",
        "--mount",
        "/pkg/=pkg",
        "--exit-on-stdin-eof",
    ]) else {
        panic!("parse failed");
    };
    assert_eq!((c.platform_port, c.app_port), (0, 9000));
    assert_eq!(c.mounts[0].prefix, "/");
    assert_eq!(c.mounts[1].prefix, "/pkg");
    assert_eq!(c.mounts[1].dir, PathBuf::from("pkg"));
    assert!(c.exit_on_stdin_eof);
    assert_eq!(parse(&["--help"]), Ok(Command::Help));
    assert!(parse(&["--app-port", "70000"]).is_err());
    assert!(parse(&["--app-port"]).is_err());
    assert!(parse(&["--mount", "www"]).is_err());
    assert!(parse(&["--mount", "pkg=pkg"]).is_err());
    assert!(parse(&["--mount", "/../x=pkg"]).is_err());
    assert!(parse(&["--bogus"]).is_err());
}
