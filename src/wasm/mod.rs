//! The wasm exports. The JS layer (`js/`) owns the public classes, reads
//! the partner's options as own data and type-checks them, and calls these
//! functions with plain values: strings, booleans and arrays of strings.
//! They make every decision through [`crate::core`] and call no JS that can
//! throw, so no JS exception can unwind through a wasm frame.
//!
//! An error comes back as a thrown string, `code`, `field` and message
//! separated by newlines ([`wire`]); the JS layer turns it into a
//! `VivoMeetingsError`.

mod message;
mod oauth;
#[cfg(feature = "server")]
mod server;

use crate::core::{
    room_path as core_room_path, room_url, AccessCode, Device, Error, ErrorCode, FrameKind,
    MeetingOptions, Platform, SignIn, SignInParts, View,
};
use wasm_bindgen::prelude::*;

/// What an export returns: a URL, or an error on the wire.
type Out<T = String> = Result<T, String>;

/// An error as the JS layer reads it: `code \n field \n message`. The field
/// and message have no raw newline: control characters in them become `?`.
fn wire(e: Error) -> String {
    let mut out = String::from(e.code().as_str());
    for part in [e.field().unwrap_or(""), e.message()] {
        out.push('\n');
        out.extend(part.chars().map(|c| if c.is_control() { '?' } else { c }));
    }
    out
}

/// The platform named by `domain` (`None` when it was not given).
fn platform(domain: Option<String>) -> Result<Option<Platform>, Error> {
    domain.as_deref().map(Platform::parse).transpose()
}

/// The platform named by `domain`, which is required.
fn required_platform(domain: Option<String>) -> Result<Platform, Error> {
    platform(domain)?.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidDomain,
            "domain",
            "is required, e.g. 'acme.vivomeetings.com'",
        )
    })
}

/// The room options of `meetingUrl`, `embedMeeting` and `redirectTo`.
/// `params` alternates keys and values, in the partner's order.
#[allow(clippy::too_many_arguments)]
fn room_options(
    name: Option<String>,
    skip_join: bool,
    observer: bool,
    mute: Vec<String>,
    view: Option<String>,
    strip_layout: bool,
    params: Vec<String>,
) -> Result<MeetingOptions, Error> {
    let mut options = MeetingOptions {
        name,
        skip_join,
        observer,
        strip_layout,
        view: view.as_deref().map(View::parse).transpose()?,
        ..MeetingOptions::default()
    };
    for (i, token) in mute.iter().enumerate() {
        let mut field = String::from("mute[");
        crate::core::encode::push_index(&mut field, i);
        field.push(']');
        options = options.mute(Device::parse(token, &field)?);
    }
    let mut pairs = params.into_iter();
    while let (Some(key), Some(value)) = (pairs.next(), pairs.next()) {
        options.params.push((key, value));
    }
    Ok(options)
}

/// The platform origin for `new VivoMeetings({ domain })`, e.g.
/// `https://acme.vivomeetings.com`.
#[wasm_bindgen]
pub fn origin(domain: Option<String>) -> Out {
    Ok(required_platform(domain).map_err(wire)?.origin().to_owned())
}

/// A meeting-room URL: `domain` is the instance's origin, or the free
/// function's `domain` option.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn meeting_url(
    domain: Option<String>,
    access_code: Option<String>,
    meeting_url: Option<String>,
    name: Option<String>,
    skip_join: bool,
    observer: bool,
    mute: Vec<String>,
    view: Option<String>,
    strip_layout: bool,
    params: Vec<String>,
) -> Out {
    (|| {
        let platform = platform(domain)?;
        let options = room_options(name, skip_join, observer, mute, view, strip_layout, params)?;
        room_url(
            platform.as_ref(),
            access_code.as_deref(),
            meeting_url.as_deref(),
            options,
        )
    })()
    .map_err(wire)
}

/// The relative room path of a sign-in's `redirectTo` (errors name
/// `redirectTo.<field>`).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn room_path(
    access_code: Option<String>,
    name: Option<String>,
    skip_join: bool,
    observer: bool,
    mute: Vec<String>,
    view: Option<String>,
    strip_layout: bool,
    params: Vec<String>,
) -> Out {
    (|| {
        let options = room_options(name, skip_join, observer, mute, view, strip_layout, params)?;
        let code = access_code
            .ok_or_else(|| Error::new(ErrorCode::InvalidAccessCode, "accessCode", "is required"))?;
        core_room_path(&AccessCode::parse(&code)?, &options)
    })()
    .map_err(|e| wire(e.within("redirectTo")))
}

/// The livestream player URL.
#[wasm_bindgen]
pub fn livestream_url(domain: Option<String>, access_code: Option<String>) -> Out {
    (|| {
        let platform = required_platform(domain)?;
        let code = access_code
            .ok_or_else(|| Error::new(ErrorCode::InvalidAccessCode, "accessCode", "is required"))?;
        Ok(crate::core::livestream_url(
            &platform,
            &AccessCode::parse(&code)?,
        ))
    })()
    .map_err(wire)
}

/// Any other platform page by its path.
#[wasm_bindgen]
pub fn page_url(domain: Option<String>, path: Option<String>) -> Out {
    (|| {
        let platform = required_platform(domain)?;
        let path =
            path.ok_or_else(|| Error::new(ErrorCode::InvalidOption, "path", "is required"))?;
        crate::core::page_url(&platform, &path)
    })()
    .map_err(wire)
}

/// The GET sign-in link of handbook 10.1. The form POST and the iframe are
/// built from it by the JS layer (its action and fields, as they are).
#[wasm_bindgen]
pub fn sign_in_url(
    domain: Option<String>,
    host_id: Option<String>,
    login_token_public_key: Option<String>,
    redirect_url: Option<String>,
    redirect_to: Option<String>,
    after_call_url: Option<String>,
    after_call_hosts: Option<Vec<String>>,
) -> Out {
    (|| {
        let platform = required_platform(domain)?;
        let parts = SignInParts {
            host_id: host_id.as_deref(),
            login_token_public_key: login_token_public_key.as_deref(),
            redirect_url: redirect_url.as_deref(),
            redirect_to: redirect_to.as_deref(),
            after_call_url: after_call_url.as_deref(),
            after_call_hosts: after_call_hosts.as_deref(),
        };
        Ok(SignIn::from_parts(&platform, &parts)?.get_url())
    })()
    .map_err(wire)
}

/// The iframe's attributes for `kind` (0 meeting room, 1 livestream,
/// 2 sign-in): `[title, allow, referrerpolicy or '']`.
#[wasm_bindgen]
pub fn frame(kind: u8, title: Option<String>) -> Out<Vec<String>> {
    let kind = FrameKind::ALL
        .get(usize::from(kind))
        .copied()
        .unwrap_or(FrameKind::Meeting);
    let title = kind.title(title.as_deref()).map_err(wire)?;
    Ok(vec![
        title.to_owned(),
        kind.allow().to_owned(),
        kind.referrer_policy().unwrap_or("").to_owned(),
    ])
}

/// Checks one `message` event for an embed on `expected` (the platform's
/// origin). The JS listener reads the event's `origin`, `isTrusted` and
/// whether `source` is the embed's iframe window, and passes the data only
/// for a trusted event. Returns what to do with it: 0 deliver as a message,
/// 1 deliver as a leave, 2 reject (origin), 3 reject (source), 4 reject (shape).
#[wasm_bindgen]
pub fn check_message(
    expected: &str,
    origin: &str,
    trusted: bool,
    from_frame: bool,
    data: JsValue,
) -> u8 {
    use crate::core::event::{parse_message, MeetingEvent, Rejection};
    if origin != expected {
        return 2;
    }
    // An untrusted event was dispatched by a script, which can claim any
    // `origin` and `source`: only the browser's own delivery counts.
    if !trusted || !from_frame {
        return 3;
    }
    match parse_message(&message::Received(data)) {
        Ok(MeetingEvent::Leave { .. }) => 1,
        Ok(MeetingEvent::Unrecognised { .. }) => 0,
        Err(Rejection::Origin) => 2,
        Err(Rejection::Source) => 3,
        Err(Rejection::Shape) => 4,
    }
}
