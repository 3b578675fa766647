//! The `#[wasm_bindgen]` JS API: camelCase names, options objects, results
//! thrown as `VivoMeetingsError`. Everything here only decodes options and
//! delegates to [`crate::core`] and [`crate::browser`].

mod options;

use crate::browser::{self, Container, Delivery, FrameKind, FrameOptions, MessageListener};
use crate::core::event::MeetingEvent;
use crate::core::{
    self as vivo, AccessCode, Device, Error, ErrorCode, HostId, LoginToken, MeetingOptions,
    MeetingRoom, Platform, SignIn, View,
};
use js_sys::{Function, JsString};
use options::Options;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = VivoMeetingsError)]
    type JsVivoMeetingsError;
    #[wasm_bindgen(constructor, js_class = "VivoMeetingsError")]
    fn new(code: &str, message: &str, field: Option<&str>) -> JsVivoMeetingsError;

    /// An embed's callback list, with `onLeave` (if given) on it.
    type Emitter;
    #[wasm_bindgen(constructor)]
    fn new(on_leave: Option<Function>) -> Emitter;
    /// Delivers a checked message to the embed's callbacks as
    /// `{ type, data }`, and for a leave (`reason` given) first resolves
    /// `left`, then the `message` callbacks, then `leave` ones with
    /// `{ type: 'leave', reason }`.
    #[wasm_bindgen(method)]
    fn deliver(this: &Emitter, kind: &str, data: &JsValue, reason: Option<&str>);

    /// Calls `onRejected` with `{ reason, origin }`; an exception is reported.
    #[wasm_bindgen(js_name = reportRejected)]
    fn report_rejected(callback: &Function, reason: &str, origin: &str);

    /// An embedded iframe: a meeting room, a livestream player or a
    /// sign-in. A JS class (`js/runtime.js`): its callback list is plain JS.
    /// It stays live (iframe and listener) until `destroy()`, `free()` or
    /// `[Symbol.dispose]()`, even when the partner drops the handle.
    #[wasm_bindgen(typescript_type = "Embed")]
    pub type Embed;
    #[wasm_bindgen(constructor)]
    fn new(iframe: &HtmlIFrameElement, url: &str, emitter: &Emitter, release: JsValue) -> Embed;
    /// Removes the iframe and the message listener, and drops every
    /// callback. Idempotent; safe inside a callback.
    #[wasm_bindgen(method)]
    pub fn destroy(this: &Embed);
    /// The iframe element (still readable after `destroy()`, detached).
    #[wasm_bindgen(method, getter)]
    pub fn iframe(this: &Embed) -> HtmlIFrameElement;
}

/// Converts a core error into a thrown `VivoMeetingsError`.
fn to_js(e: Error) -> JsValue {
    JsVivoMeetingsError::new(e.code().as_str(), e.message(), e.field()).into()
}

type JsResult<T> = Result<T, JsValue>;

/// The options each function accepts; anything else is `invalid_option`.
mod keys {
    const fn room() -> [&'static str; 8] {
        [
            "name",
            "skipJoin",
            "observer",
            "mute",
            "view",
            "stripLayout",
            "params",
            "accessCode",
        ]
    }
    pub(super) const ROOM: &[&str] = &room();
    pub(super) const MEETING_URL: &[&str] = &concat::<9>(&[&room(), &["meetingUrl"]]);
    pub(super) const MEETING_URL_FREE: &[&str] =
        &concat::<10>(&[&room(), &["meetingUrl", "domain"]]);
    pub(super) const EMBED_MEETING: &[&str] = &concat::<14>(&[&room(), &["meetingUrl"], EMBED]);
    pub(super) const EMBED_LIVESTREAM: &[&str] = &concat::<6>(&[&["accessCode"], EMBED]);
    pub(super) const SIGN_IN: &[&str] = SIGN_IN_BASE;
    pub(super) const SIGN_IN_FORM: &[&str] = &concat::<7>(&[SIGN_IN_BASE, &["newTab"]]);
    pub(super) const SIGN_IN_FREE: &[&str] = &concat::<7>(&[SIGN_IN_BASE, &["domain"]]);
    pub(super) const EMBED_SIGN_IN: &[&str] = &concat::<11>(&[SIGN_IN_BASE, EMBED]);

    const EMBED: &[&str] = &["title", "width", "height", "onLeave", "onRejected"];
    const SIGN_IN_BASE: &[&str] = &[
        "hostId",
        "loginTokenPublicKey",
        "redirectUrl",
        "redirectTo",
        "afterCallUrl",
        "afterCallHosts",
    ];

    /// The lists one after the other, at compile time (N must be their total length).
    const fn concat<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
        let mut out = [""; N];
        let (mut i, mut n) = (0, 0);
        while i < lists.len() {
            let mut j = 0;
            while j < lists[i].len() {
                out[n] = lists[i][j];
                n += 1;
                j += 1;
            }
            i += 1;
        }
        assert!(n == N, "concat: wrong length");
        out
    }
}

/// Reads the room options (`name` … `params`).
fn room_options(o: &Options) -> Result<MeetingOptions, Error> {
    let mut opts = MeetingOptions {
        name: o.string("name")?,
        skip_join: o.flag("skipJoin")?,
        observer: o.flag("observer")?,
        strip_layout: o.flag("stripLayout")?,
        params: o.params("params")?,
        ..MeetingOptions::default()
    };
    if let Some(mute) = o.strings("mute")? {
        for (i, token) in mute.iter().enumerate() {
            let mut field = String::from("mute[");
            crate::core::encode::push_index(&mut field, i);
            field.push(']');
            opts = opts.mute(Device::parse(token, &field)?);
        }
    }
    if let Some(view) = o.string("view")? {
        opts.view = Some(View::parse(&view)?);
    }
    Ok(opts)
}

fn access_code(o: &Options) -> Result<AccessCode, Error> {
    match o.string_or_integer("accessCode", ErrorCode::InvalidAccessCode)? {
        Some(code) => AccessCode::parse(&code),
        None => Err(Error::new(
            ErrorCode::InvalidAccessCode,
            "accessCode",
            "is required",
        )),
    }
}

/// Resolves the room (access code or `meetingUrl`) and builds its URL.
/// `platform` is the instance's, or `None` for the free function.
fn room_url(o: &Options, platform: Option<&Platform>) -> Result<String, Error> {
    let mut opts = room_options(o)?;
    let (platform, code) = match (o.string("meetingUrl")?, o.get("accessCode")?) {
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                "meetingUrl",
                "give either accessCode or meetingUrl, not both",
            ));
        }
        (Some(url), None) => {
            let not_here = || {
                Error::with_value(
                    ErrorCode::InvalidOption,
                    "meetingUrl",
                    "is not on the platform's origin",
                    &url,
                )
            };
            let room = MeetingRoom::parse(&url).map_err(|e| {
                // On an instance, a URL on another origin (or scheme) is
                // simply not this platform's room.
                let origin_error = matches!(
                    e.code(),
                    ErrorCode::InvalidDomain | ErrorCode::InsecureDomain
                );
                if platform.is_some() && origin_error {
                    not_here()
                } else {
                    e
                }
            })?;
            let given = match platform {
                None if o.get("domain")?.is_some() => Some(domain(o)?),
                _ => None,
            };
            if platform
                .or(given.as_ref())
                .is_some_and(|p| *p != room.platform)
            {
                return Err(not_here());
            }
            let mut params = room.params;
            params.append(&mut opts.params);
            opts.params = params;
            (room.platform, room.code)
        }
        (None, _) => {
            let platform = match platform {
                Some(p) => p.clone(),
                None => domain(o)?,
            };
            (platform, access_code(o)?)
        }
    };
    vivo::meeting_url(&platform, &code, &opts)
}

fn frame_options(o: &Options) -> Result<FrameOptions, Error> {
    Ok(FrameOptions {
        title: o.string("title")?,
        width: o.string("width")?,
        height: o.string("height")?,
    })
}

/// Builds the sign-in request from `hostId`, `loginTokenPublicKey`,
/// `redirectUrl` | `redirectTo`, `afterCallUrl`, `afterCallHosts`.
fn sign_in_request(o: &Options, platform: &Platform) -> Result<SignIn, Error> {
    let host_id = match o.string_or_integer("hostId", ErrorCode::InvalidHostId)? {
        Some(id) => HostId::parse(&id)?,
        None => {
            return Err(Error::new(
                ErrorCode::InvalidHostId,
                "hostId",
                "is required",
            ))
        }
    };
    let token = match o.get("loginTokenPublicKey")? {
        Some(v) => match v.as_string() {
            Some(token) => LoginToken::parse(&token)?,
            None => {
                return Err(Error::new(
                    ErrorCode::InvalidToken,
                    "loginTokenPublicKey",
                    "must be a string",
                ));
            }
        },
        None => {
            return Err(Error::new(
                ErrorCode::InvalidToken,
                "loginTokenPublicKey",
                "is required",
            ))
        }
    };
    let redirect = match (o.string("redirectUrl")?, o.get("redirectTo")?) {
        (Some(url), None) => url,
        (None, Some(target)) => redirect_to(&target).map_err(|e| e.within("redirectTo"))?,
        _ => {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                "redirectUrl",
                "give exactly one of redirectUrl and redirectTo",
            ));
        }
    };
    let request = SignIn::new(platform, host_id, token, &redirect)?;
    let hosts = o.strings("afterCallHosts")?;
    match o.string("afterCallUrl")? {
        Some(after) => request.after_call_url(&after, hosts.as_deref()),
        None => Ok(request),
    }
}

/// The relative room URL for `redirectTo: { accessCode, name, … }`.
fn redirect_to(target: &JsValue) -> Result<String, Error> {
    let o = Options::read(target, "", keys::ROOM)?;
    let code = access_code(&o)?;
    let query = room_options(&o)?.query()?;
    let mut path = String::from("/conf/call/");
    path.push_str(code.as_str());
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query);
    }
    Ok(path)
}

fn container(value: &JsValue) -> Result<Container, Error> {
    if let Some(sel) = value.as_string() {
        return Ok(Container::Selector(sel));
    }
    value
        .dyn_ref::<Element>()
        .map(|el| Container::Element(el.clone()))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidOption,
                "container",
                "must be an Element or a CSS selector string",
            )
        })
}

/// Runs an export's body: a core error becomes a thrown `VivoMeetingsError`.
fn run<T>(body: impl FnOnce() -> Result<T, Error>) -> JsResult<T> {
    body().map_err(to_js)
}

/// Like [`run`], for a URL: it is handed to JS as a JS string.
fn url(body: impl FnOnce() -> Result<String, Error>) -> JsResult<JsString> {
    run(body).map(JsString::from)
}

/// The platform named by a `domain` option (`invalid_domain` when missing or not a string).
fn domain(o: &Options) -> Result<Platform, Error> {
    let Some(value) = o.get("domain")? else {
        return Err(Error::new(
            ErrorCode::InvalidDomain,
            "domain",
            "is required, e.g. 'acme.vivomeetings.com'",
        ));
    };
    match value.as_string() {
        Some(d) => Platform::parse(&d),
        None => Err(Error::new(
            ErrorCode::InvalidDomain,
            "domain",
            "must be a string",
        )),
    }
}

/// The platform client. `new VivoMeetings({ domain })` validates the domain at once.
#[wasm_bindgen]
pub struct VivoMeetings {
    platform: Platform,
}

#[wasm_bindgen]
impl VivoMeetings {
    /// Creates a client for the platform at `options.domain`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "VivoMeetingsOptions")] options: JsValue,
    ) -> JsResult<VivoMeetings> {
        run(|| {
            let platform = domain(&Options::read(&options, "options", &["domain"])?)?;
            Ok(VivoMeetings { platform })
        })
    }

    /// The platform origin, e.g. `https://acme.vivomeetings.com`.
    #[wasm_bindgen(getter)]
    pub fn origin(&self) -> JsString {
        self.platform.origin().into()
    }

    /// The meeting-room URL.
    #[wasm_bindgen(js_name = meetingUrl)]
    pub fn meeting_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MeetingUrlOptions")] options: JsValue,
    ) -> JsResult<JsString> {
        build(Builder::Meeting, Some(&self.platform), &options)
    }

    /// The livestream player URL.
    #[wasm_bindgen(js_name = livestreamUrl)]
    pub fn livestream_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LivestreamUrlOptions")] options: JsValue,
    ) -> JsResult<JsString> {
        build(Builder::Livestream, Some(&self.platform), &options)
    }

    /// The URL of any platform page by path, e.g. `/conf/calls/upcoming`.
    #[wasm_bindgen(js_name = pageUrl)]
    pub fn page_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    ) -> JsResult<JsString> {
        build(Builder::Page, Some(&self.platform), &path)
    }

    /// Mounts a meeting room in `container`.
    #[wasm_bindgen(js_name = embedMeeting)]
    pub fn embed_meeting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Container")] container: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EmbedMeetingOptions")] options: JsValue,
    ) -> JsResult<Embed> {
        self.embed(FrameKind::Meeting, &container, &options)
    }

    /// Mounts the livestream player in `container`.
    #[wasm_bindgen(js_name = embedLivestream)]
    pub fn embed_livestream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Container")] container: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EmbedLivestreamOptions")] options: JsValue,
    ) -> JsResult<Embed> {
        self.embed(FrameKind::Livestream, &container, &options)
    }

    /// Signs a host in by a form POST to `/auth`, in this tab or a new one
    /// (handbook 10.1). The token never appears in a URL.
    #[wasm_bindgen(js_name = signIn)]
    pub fn sign_in(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInFormOptions")] options: JsValue,
    ) -> JsResult<()> {
        run(|| {
            let o = Options::read(&options, "options", keys::SIGN_IN_FORM)?;
            let request = sign_in_request(&o, &self.platform)?;
            browser::submit_sign_in(&request, o.flag("newTab")?)
        })
    }

    /// The GET sign-in link of 10.1. It carries the token in the URL, where
    /// history, logs and `Referer` headers can keep it: prefer `signIn`.
    #[wasm_bindgen(js_name = signInUrl)]
    pub fn sign_in_url(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignInOptions")] options: JsValue,
    ) -> JsResult<JsString> {
        build(Builder::SignIn, Some(&self.platform), &options)
    }

    /// Signs a host in inside an iframe (handbook 10.2); leave events flow
    /// once the host lands in a room.
    #[wasm_bindgen(js_name = embedSignIn)]
    pub fn embed_sign_in(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Container")] container: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EmbedSignInOptions")] options: JsValue,
    ) -> JsResult<Embed> {
        self.embed(FrameKind::SignIn, &container, &options)
    }
}

impl VivoMeetings {
    /// One body for the three embed methods: read the options, build the
    /// URL, mount.
    #[inline(never)]
    fn embed(&self, kind: FrameKind, container: &JsValue, options: &JsValue) -> JsResult<Embed> {
        run(|| {
            let known = match kind {
                FrameKind::Meeting => keys::EMBED_MEETING,
                FrameKind::Livestream => keys::EMBED_LIVESTREAM,
                FrameKind::SignIn => keys::EMBED_SIGN_IN,
            };
            let o = Options::read(options, "options", known)?;
            let platform = &self.platform;
            let url = match kind {
                // The room is on this platform (room_url checks a `meetingUrl`'s origin).
                FrameKind::Meeting => room_url(&o, Some(platform))?,
                FrameKind::Livestream => vivo::livestream_url(platform, &access_code(&o)?),
                FrameKind::SignIn => sign_in_request(&o, platform)?.get_url(),
            };
            mount(container, &o, platform, url, kind)
        })
    }
}

/// Builds a meeting-room URL without an instance: `meetingUrl({ domain, accessCode, … })`.
#[wasm_bindgen(js_name = meetingUrl)]
pub fn meeting_url(
    #[wasm_bindgen(unchecked_param_type = "StandaloneMeetingUrlOptions")] options: JsValue,
) -> JsResult<JsString> {
    build(Builder::Meeting, None, &options)
}

/// Builds a livestream URL without an instance: `livestreamUrl({ domain, accessCode })`.
#[wasm_bindgen(js_name = livestreamUrl)]
pub fn livestream_url(
    #[wasm_bindgen(unchecked_param_type = "StandaloneLivestreamUrlOptions")] options: JsValue,
) -> JsResult<JsString> {
    build(Builder::Livestream, None, &options)
}

/// Builds a page URL without an instance: `pageUrl({ domain, path })`.
#[wasm_bindgen(js_name = pageUrl)]
pub fn page_url(
    #[wasm_bindgen(unchecked_param_type = "StandalonePageUrlOptions")] options: JsValue,
) -> JsResult<JsString> {
    build(Builder::Page, None, &options)
}

/// Builds the GET sign-in link without an instance: `signInUrl({ domain, hostId, … })`.
#[wasm_bindgen(js_name = signInUrl)]
pub fn sign_in_url(
    #[wasm_bindgen(unchecked_param_type = "StandaloneSignInUrlOptions")] options: JsValue,
) -> JsResult<JsString> {
    build(Builder::SignIn, None, &options)
}

/// The four URL builders.
#[derive(Clone, Copy)]
enum Builder {
    Meeting,
    Livestream,
    Page,
    SignIn,
}

/// One body for the builders' eight exports: the methods pass the
/// instance's platform; the free functions pass `None` and take `domain`
/// as an option (except `meetingUrl` with a `meetingUrl`, which carries
/// its own). `input` is the options object, or the path for `vivo.pageUrl`.
#[inline(never)]
fn build(kind: Builder, platform: Option<&Platform>, input: &JsValue) -> JsResult<JsString> {
    url(|| {
        if let (Builder::Page, Some(platform)) = (kind, platform) {
            let path = input
                .as_string()
                .ok_or_else(|| Error::new(ErrorCode::InvalidOption, "path", "must be a string"))?;
            return vivo::page_url(platform, &path);
        }
        let known = match (kind, platform.is_some()) {
            (Builder::Meeting, true) => keys::MEETING_URL,
            (Builder::Meeting, false) => keys::MEETING_URL_FREE,
            (Builder::Livestream, true) => &["accessCode"],
            (Builder::Livestream, false) => &["domain", "accessCode"],
            (Builder::Page, _) => &["domain", "path"],
            (Builder::SignIn, true) => keys::SIGN_IN,
            (Builder::SignIn, false) => keys::SIGN_IN_FREE,
        };
        let o = Options::read(input, "options", known)?;
        if let Builder::Meeting = kind {
            return room_url(&o, platform);
        }
        // The instance's platform, or `domain` (read first, as it is checked first).
        let platform = match platform {
            Some(p) => p.clone(),
            None => domain(&o)?,
        };
        match kind {
            Builder::Livestream => Ok(vivo::livestream_url(&platform, &access_code(&o)?)),
            Builder::Page => vivo::page_url(&platform, &o.required_string("path")?),
            _ => Ok(sign_in_request(&o, &platform)?.get_url()),
        }
    })
}

thread_local! {
    /// Live embeds' listeners by id. An embed stays live (iframe and
    /// listener) until `destroy()`, even when the partner drops the handle,
    /// like the DOM listener it is; `destroy()` removes it from here.
    static LIVE: RefCell<Vec<(u32, MessageListener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Mounts the iframe, starts its listener and hands JS the handle.
fn mount(
    container_value: &JsValue,
    o: &Options,
    platform: &Platform,
    url: String,
    kind: FrameKind,
) -> Result<Embed, Error> {
    let frame = frame_options(o)?;
    let on_leave = o.function("onLeave")?;
    let on_rejected = o.function("onRejected")?;
    let element = browser::resolve_container(container(container_value)?)?;
    let emitter = Emitter::new(on_leave);
    let iframe = browser::mount(&element, &url, kind, &frame)?;
    let dispatch = {
        let emitter: Emitter = JsValue::clone(&emitter).unchecked_into();
        move |delivery: Delivery<'_>| deliver(&emitter, on_rejected.as_ref(), delivery)
    };
    let Some(listener) =
        MessageListener::new(iframe.clone(), platform.origin().to_owned(), dispatch)
    else {
        iframe.remove();
        return Err(Error::new(
            ErrorCode::DomError,
            "",
            "no window to listen on",
        ));
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    LIVE.with(|live| live.borrow_mut().push((id, listener)));
    // The handle's `destroy()` calls this to remove the listener; calling it
    // again finds nothing. Its JS function is collected with the handle.
    let release = Closure::<dyn FnMut()>::new(move || {
        let listener = LIVE.with(|live| {
            let mut live = live.borrow_mut();
            let at = live.iter().position(|(live_id, _)| *live_id == id)?;
            Some(live.swap_remove(at).1)
        });
        // Dropped here, after the borrow: removing the listener runs no JS callback.
        drop(listener);
    });
    Ok(Embed::new(&iframe, &url, &emitter, release.into_js_value()))
}

/// Hands one delivery to the partner's callbacks. No Rust borrow is held
/// while JS runs, so callbacks may call `destroy()`.
fn deliver(emitter: &Emitter, on_rejected: Option<&Function>, delivery: Delivery<'_>) {
    match delivery {
        Delivery::Accepted { event, data } => {
            let reason = match &event {
                MeetingEvent::Leave { reason } => Some(reason.as_str()),
                MeetingEvent::Unrecognised { .. } => None,
            };
            emitter.deliver(event.message_type(), data, reason);
        }
        Delivery::Rejected { reason, origin } => {
            if let Some(f) = on_rejected {
                report_rejected(f, reason.as_str(), &origin);
            }
        }
    }
}
