//! The wasm exports. The JS layer (`js/`) owns the public classes, reads
//! the partner's options as own data and type-checks them, and calls these
//! functions with its values packed into one string ([`crate::core::wire`]).
//! They make every decision through [`crate::core`] and take and return
//! only strings: the wasm imports no JS function at all, so no JS
//! exception can unwind through a wasm frame, by construction.
//!
//! An error comes back as a string starting with NUL, then `code`, `field`
//! and message separated by newlines; the JS layer turns it into a
//! `VivoMeetingsError`. The wasm exports of the same names, over the
//! string-in, string-out ABI, are in `src/wasm/abi.rs`.

#[cfg(feature = "package")]
mod abi;
#[cfg(feature = "package")]
pub(crate) mod arena;
pub use oauth::{authorize_url, enterprise_call, enterprise_status, oauth_callback};
mod oauth;
#[cfg(feature = "server")]
mod server;
#[cfg(feature = "server")]
pub use server::{check_webhook_secret, parse_webhook, token_request, token_response};

use crate::core::wire::{self, Args};
use crate::core::{
    room_path as core_room_path, room_url, AccessCode, Device, Error, ErrorCode, FrameKind,
    MeetingOptions, Platform, SignIn, SignInParts, View,
};

/// What an export returns: a string (a URL, or packed results), or an
/// error on the wire ([`wire::result`]).
type Out = String;

/// Runs an export's body: an error goes on the wire.
fn run(body: impl FnOnce() -> Result<String, Error>) -> Out {
    wire::result(body())
}

/// The platform named by the next argument (`None` when it was not given).
fn platform(args: &mut Args<'_>) -> Result<Option<Platform>, Error> {
    args.text().map(Platform::parse).transpose()
}

/// The platform named by the next argument, which is required.
fn required_platform(args: &mut Args<'_>) -> Result<Platform, Error> {
    platform(args)?.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidDomain,
            "domain",
            "is required, e.g. 'acme.vivomeetings.com'",
        )
    })
}

/// The next argument, an access code, which is required.
fn access_code(args: &mut Args<'_>) -> Result<AccessCode, Error> {
    match args.text() {
        Some(code) => AccessCode::parse(code),
        None => Err(Error::new(
            ErrorCode::InvalidAccessCode,
            "accessCode",
            "is required",
        )),
    }
}

/// The room options of `meetingUrl`, `embedMeeting` and `redirectTo`:
/// `name`, `skipJoin`, `observer`, `mute` (a list), `view`, `stripLayout`
/// and `params` (a list alternating keys and values, in the partner's order).
fn room_options(args: &mut Args<'_>) -> Result<MeetingOptions, Error> {
    // Everything is read and checked before anything is copied, so an
    // error leaves nothing half-built behind.
    let name = args.text();
    let skip_join = args.flag();
    let observer = args.flag();
    let (mut mute_camera, mut mute_mic) = (false, false);
    for i in 0..args.list_len().unwrap_or(0) {
        // As `Args::list`: a malformed item ends the list.
        let Some(token) = args.text() else { break };
        // The field name `mute[i]` is built only for an error.
        match Device::parse(token, "") {
            Ok(Device::Camera) => mute_camera = true,
            Ok(Device::Mic) => mute_mic = true,
            Err(e) => {
                let mut field = String::from("mute[");
                crate::core::encode::push_index(&mut field, i);
                crate::core::encode::push_ascii(&mut field, b']');
                // `e` has no field: its message is the bare detail.
                return Err(e.within(&field));
            }
        }
    }
    let view = args.text().map(View::parse).transpose()?;
    let strip_layout = args.flag();
    // The params list alternates keys and values; an odd last key is dropped.
    let mut params = Vec::new();
    let mut key = None;
    for _ in 0..args.list_len().unwrap_or(0) {
        let Some(text) = args.text() else { break };
        match key.take() {
            None => key = Some(text),
            Some(k) => params.push((k.to_owned(), text.to_owned())),
        }
    }
    Ok(MeetingOptions {
        name: name.map(str::to_owned),
        skip_join,
        observer,
        mute_camera,
        mute_mic,
        view,
        strip_layout,
        params,
    })
}

/// `origin(domain)`: the platform origin for `new VivoMeetings({ domain })`,
/// e.g. `https://acme.vivomeetings.com`.
pub fn origin(args: &str) -> Out {
    run(|| Ok(required_platform(&mut Args::new(args))?.origin().to_owned()))
}

/// `meeting_url(domain, accessCode, meetingUrl, …room options)`: `domain`
/// is the instance's origin, or the free function's `domain` option.
pub fn meeting_url(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = platform(args)?;
        let (code, url) = (args.text(), args.text());
        room_url(platform.as_ref(), code, url, room_options(args)?)
    })
}

/// `room_path(accessCode, …room options)`: the relative room path of a
/// sign-in's `redirectTo` (errors name `redirectTo.<field>`).
pub fn room_path(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let code = access_code(args)?;
        core_room_path(&code, &room_options(args)?).map_err(|e| e.within("redirectTo"))
    })
}

/// `livestream_url(domain, accessCode)`: the livestream player URL.
pub fn livestream_url(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = required_platform(args)?;
        Ok(crate::core::livestream_url(&platform, &access_code(args)?))
    })
}

/// `page_url(domain, path)`: any other platform page by its path.
pub fn page_url(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = required_platform(args)?;
        let path = args
            .text()
            .ok_or_else(|| Error::new(ErrorCode::InvalidOption, "path", "is required"))?;
        crate::core::page_url(&platform, path)
    })
}

/// `sign_in_url(domain, hostId, loginTokenPublicKey, redirectUrl,
/// redirectTo, afterCallUrl, afterCallHosts)`: the GET sign-in link of
/// handbook 10.1. The form POST and the iframe are built from it by the JS
/// layer (its action and fields, as they are).
pub fn sign_in_url(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let platform = required_platform(args)?;
        let mut parts = SignInParts {
            host_id: args.text(),
            login_token_public_key: args.text(),
            redirect_url: args.text(),
            redirect_to: args.text(),
            after_call_url: args.text(),
            after_call_hosts: None,
        };
        let hosts = args.list();
        parts.after_call_hosts = hosts.as_deref();
        Ok(SignIn::from_parts(&platform, &parts)?.get_url())
    })
}

/// `frame(kind, title)`: the iframe's attributes for `kind` (`0` meeting
/// room, `1` livestream, `2` sign-in), packed: title, allow, referrer policy
/// (or '').
pub fn frame(args: &str) -> Out {
    run(|| {
        let args = &mut Args::new(args);
        let kind = match args.text() {
            Some("1") => FrameKind::Livestream,
            Some("2") => FrameKind::SignIn,
            _ => FrameKind::Meeting,
        };
        let title = kind.title(args.text())?;
        Ok(wire::pack(&[
            title,
            kind.allow(),
            kind.referrer_policy().unwrap_or(""),
        ]))
    })
}

/// `check_message(expected, origin, trusted, fromFrame, data)`: checks one
/// `message` event for an embed on `expected` (the platform's origin). The
/// JS listener reads the event's `origin`, `isTrusted` and whether `source`
/// is the embed's iframe window, and serializes the data (as JSON, only for
/// a trusted event from the frame; absent when it holds what JSON cannot
/// carry). Returns what to do with it: `0` deliver as a message, `1` deliver
/// as a leave, `2` reject (origin), `3` reject (source), `4` reject (shape).
pub fn check_message(args: &str) -> Out {
    use crate::core::event::{parse_message, MeetingEvent, Rejection};
    let args = &mut Args::new(args);
    let (expected, origin) = (args.text(), args.text());
    let (trusted, from_frame) = (args.flag(), args.flag());
    let verdict = if origin != expected {
        "2"
    } else if !trusted || !from_frame {
        // An untrusted event was dispatched by a script, which can claim any
        // `origin` and `source`: only the browser's own delivery counts.
        "3"
    } else {
        match args.text().ok_or(Rejection::Shape).and_then(parse_message) {
            Ok(MeetingEvent::Leave { .. }) => "1",
            Ok(MeetingEvent::Unrecognised { .. }) => "0",
            Err(Rejection::Origin) => "2",
            Err(Rejection::Source) => "3",
            Err(Rejection::Shape) => "4",
        }
    };
    verdict.to_owned()
}
