//! `vivomeetings-standin`: runs the local VivoMeetings platform stand-in and
//! the partner app server until Ctrl-C / SIGTERM (or, with
//! `--exit-on-stdin-eof`, until standard input is closed).

#![deny(missing_docs)]

use std::future::pending;
use std::process::ExitCode;

use vivomeetings_standin::{run, Command, Config, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("vivomeetings-standin: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    for mount in &config.mounts {
        if !mount.dir.is_dir() {
            eprintln!(
                "vivomeetings-standin: warning: {} (mounted at {}) is not a directory yet",
                mount.dir.display(),
                mount.prefix
            );
        }
    }
    let stdin_eof = config.exit_on_stdin_eof;
    match run(config, shutdown_signal(stdin_eof)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vivomeetings-standin: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Completes on Ctrl-C, on SIGTERM, or (if asked) when stdin reaches EOF.
async fn shutdown_signal(stdin_eof: bool) {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = pending::<()>();
    let eof = async {
        if !stdin_eof {
            return pending::<()>().await;
        }
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            // Read errors count as a closed stdin too.
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            let _ = tx.send(());
        });
        let _ = rx.await;
    };
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
        _ = eof => {}
    }
}
