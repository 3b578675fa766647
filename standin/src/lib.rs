//! A local stand-in of the VivoMeetings platform, for end-to-end tests of
//! `vivomeetings-embed`.
//!
//! One process runs two HTTP servers on 127.0.0.1-bound listeners:
//!
//! * the **platform** origin, presented as `http://localhost:<P>`: meeting
//!   rooms, the livestream player, SSO (`/auth`) and a few dashboard pages,
//!   behaving like sections 9 and 10 of the partner handbook describe, plus
//!   OAuth answering like Doorkeeper (section 12), the Enterprise API with
//!   Bearer tokens and webhooks to a loopback partner endpoint (section 11);
//! * the partner **app** origin, presented as `http://127.0.0.1:<A>`: static
//!   files from `--mount PREFIX=DIR` directories plus `/config.js` and
//!   `/config.json`.
//!
//! The two origins differ in host name, so the embed is cross-origin and
//! cross-site, as it is in production.
//!
//! Use [`start`] from tests (bind port 0, read the addresses from
//! [`Running`]) and [`run`] from the binary.

#![deny(missing_docs)]

mod app;
mod enterprise;
mod html;
mod oauth;
mod platform;
mod poster;
mod webhooks;

use std::future::{Future, IntoFuture};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use axum::http::{header, HeaderValue};
use axum::response::Response;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use oauth::{
    DEMO_CONFIDENTIAL_CLIENT_ID, DEMO_CONFIDENTIAL_CLIENT_SECRET, DEMO_PUBLIC_CLIENT_ID,
};
pub use platform::{DemoHost, DEMO_HOSTS};
pub use webhooks::WEBHOOK_EVENTS;

/// Default port of the platform origin.
pub const DEFAULT_PLATFORM_PORT: u16 = 8081;
/// Default port of the partner app origin.
pub const DEFAULT_APP_PORT: u16 = 8080;

/// How long a shutdown waits for open connections before it drops them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);

/// A directory served under a URL prefix on the app origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// URL path prefix, always starting with `/` and without a trailing `/`
    /// (except the root prefix `/` itself).
    pub prefix: String,
    /// Directory whose files are served under [`Mount::prefix`].
    pub dir: PathBuf,
}

impl Mount {
    /// Parses `PREFIX=DIR` (the value of a `--mount` option).
    pub fn parse(spec: &str) -> Result<Mount, String> {
        let (prefix, dir) = spec
            .split_once('=')
            .ok_or_else(|| format!("--mount expects PREFIX=DIR, got {spec:?}"))?;
        Mount::new(prefix, dir)
    }

    /// Builds a mount, normalising the prefix (a trailing `/` is dropped).
    pub fn new(prefix: &str, dir: impl Into<PathBuf>) -> Result<Mount, String> {
        if !prefix.starts_with('/') {
            return Err(format!("mount prefix must start with '/', got {prefix:?}"));
        }
        if prefix.split('/').any(|s| s == ".." || s == ".") || prefix.contains('\\') {
            return Err(format!(
                "mount prefix must not contain dot segments: {prefix:?}"
            ));
        }
        let trimmed = prefix.trim_end_matches('/');
        let prefix = if trimmed.is_empty() { "/" } else { trimmed };
        let dir = dir.into();
        if dir.as_os_str().is_empty() {
            return Err("mount directory must not be empty".to_string());
        }
        Ok(Mount {
            prefix: prefix.to_string(),
            dir,
        })
    }
}

/// Server configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Port of the platform origin (`http://localhost:<P>`); 0 picks a free one.
    pub platform_port: u16,
    /// Port of the app origin (`http://127.0.0.1:<A>`); 0 picks a free one.
    pub app_port: u16,
    /// Directories served on the app origin; the longest matching prefix wins.
    pub mounts: Vec<Mount>,
    /// Whether the binary exits when its standard input is closed.
    pub exit_on_stdin_eof: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            platform_port: DEFAULT_PLATFORM_PORT,
            app_port: DEFAULT_APP_PORT,
            mounts: Vec::new(),
            exit_on_stdin_eof: false,
        }
    }
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run the servers with this configuration.
    Run(Config),
    /// Print the usage text and exit.
    Help,
}

/// The usage text of the binary.
pub const USAGE: &str = "\
usage: vivomeetings-standin [OPTIONS]

A local stand-in of the VivoMeetings platform plus a static partner-app server.

options:
  --platform-port N      platform origin port, http://localhost:N (default 8081; 0 = any free port)
  --app-port N           partner app origin port, http://127.0.0.1:N (default 8080; 0 = any free port)
  --mount PREFIX=DIR     serve DIR under URL PREFIX on the app origin (repeatable;
                         longest prefix wins), e.g. --mount /=www --mount /pkg=pkg
  --exit-on-stdin-eof    exit when standard input is closed
  -h, --help             print this help

When both listeners are up it prints:
  platform: http://localhost:<P>
  app: http://127.0.0.1:<A>";

impl Config {
    /// Parses the command-line arguments (without the program name).
    ///
    /// Options take their value either as the next argument or after `=`
    /// (`--app-port 0`, `--app-port=0`).
    pub fn from_args<I, S>(args: I) -> Result<Command, String>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut config = Config::default();
        let mut args = args.into_iter().map(Into::into);
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| -> Result<String, String> {
                match &inline {
                    Some(v) => Ok(v.clone()),
                    None => args.next().ok_or_else(|| format!("{name} needs a value")),
                }
            };
            match name.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--platform-port" => config.platform_port = parse_port(&name, &value(&name)?)?,
                "--app-port" => config.app_port = parse_port(&name, &value(&name)?)?,
                "--mount" => config.mounts.push(Mount::parse(&value(&name)?)?),
                "--exit-on-stdin-eof" if inline.is_none() => config.exit_on_stdin_eof = true,
                _ => return Err(format!("unknown argument {arg:?}")),
            }
        }
        Ok(Command::Run(config))
    }
}

/// Parses a port option's value.
fn parse_port(name: &str, value: &str) -> Result<u16, String> {
    value
        .parse::<u16>()
        .map_err(|_| format!("{name} expects a port number 0-65535, got {value:?}"))
}

/// The two servers, running in the background of the current Tokio runtime.
#[derive(Debug)]
pub struct Running {
    /// Where the platform listener is bound.
    platform_addr: SocketAddr,
    /// Where the app listener is bound.
    app_addr: SocketAddr,
    /// Tells both servers to stop.
    stop: watch::Sender<bool>,
    /// The two server tasks.
    tasks: Vec<JoinHandle<io::Result<()>>>,
}

impl Running {
    /// The socket address the platform listener is bound to (127.0.0.1).
    pub fn platform_addr(&self) -> SocketAddr {
        self.platform_addr
    }

    /// The socket address the app listener is bound to (127.0.0.1).
    pub fn app_addr(&self) -> SocketAddr {
        self.app_addr
    }

    /// The platform origin, `http://localhost:<P>`.
    pub fn platform_origin(&self) -> String {
        platform_origin(self.platform_addr.port())
    }

    /// The app origin, `http://127.0.0.1:<A>`.
    pub fn app_origin(&self) -> String {
        app_origin(self.app_addr.port())
    }

    /// Stops both servers: new connections are refused at once, open ones
    /// get a short grace period and are then dropped.
    pub async fn shutdown(self) -> io::Result<()> {
        // Sending fails only when every receiver is gone, i.e. both servers
        // already stopped; that is fine.
        let _ = self.stop.send(true);
        let mut result = Ok(());
        for mut task in self.tasks {
            match tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await {
                Ok(Ok(Ok(()))) => {}
                Ok(Ok(Err(e))) => result = Err(e),
                Ok(Err(join)) => result = Err(io::Error::other(join)),
                Err(_) => task.abort(),
            }
        }
        result
    }
}

/// The platform origin for a port.
fn platform_origin(port: u16) -> String {
    format!("http://localhost:{port}")
}

/// The app origin for a port.
fn app_origin(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

/// Binds both listeners and starts serving in the background.
///
/// Must be called inside a Tokio runtime. Fails if a port cannot be bound.
pub async fn start(config: Config) -> io::Result<Running> {
    let platform_listener = bind(config.platform_port, "platform").await?;
    let app_listener = bind(config.app_port, "app").await?;
    let platform_addr = platform_listener.local_addr()?;
    let app_addr = app_listener.local_addr()?;
    let platform_origin = platform_origin(platform_addr.port());
    let app_origin = app_origin(app_addr.port());

    let platform_router = platform::router(platform_origin.clone(), app_origin.clone());
    let app_router = app::router(app::AppState {
        mounts: config.mounts,
        platform_origin,
        app_origin,
    });

    let (stop, stopped) = watch::channel(false);
    let tasks = vec![
        spawn_server(platform_listener, platform_router, stopped.clone()),
        spawn_server(app_listener, app_router, stopped),
    ];
    Ok(Running {
        platform_addr,
        app_addr,
        stop,
        tasks,
    })
}

/// Starts the servers, prints the two origin lines to stdout, and serves
/// until `shutdown` completes (or a server fails).
pub async fn run<F>(config: Config, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()>,
{
    let running = start(config).await?;
    {
        use std::io::Write;
        let mut out = io::stdout().lock();
        writeln!(out, "platform: {}", running.platform_origin())?;
        writeln!(out, "app: {}", running.app_origin())?;
        out.flush()?;
    }
    shutdown.await;
    running.shutdown().await
}

/// Binds a 127.0.0.1 listener, naming the port in the error.
async fn bind(port: u16, what: &str) -> io::Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("cannot bind the {what} port {port}: {e}")))
}

/// Serves a router on a listener until `stopped` turns true.
fn spawn_server(
    listener: TcpListener,
    router: axum::Router,
    mut stopped: watch::Receiver<bool>,
) -> JoinHandle<io::Result<()>> {
    let router = router.layer(axum::middleware::map_response(no_store));
    let signal = async move {
        // An error means the sender is gone, which also means "stop".
        let _ = stopped.wait_for(|stop| *stop).await;
    };
    tokio::spawn(
        axum::serve(listener, router)
            .with_graceful_shutdown(signal)
            .into_future(),
    )
}

/// Adds `Cache-Control: no-store` to every response that has none, so tests
/// and browsers always see the current files.
async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}
