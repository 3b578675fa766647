//! Meeting-room, livestream and page URLs (handbook sections 9.1 to 9.4).

use super::domain::Platform;
use super::encode::{
    char_count, encode_non_ascii_into, find_byte, find_scheme_sep, form_decode, form_encode_into,
    has_control, has_space_or_control, push_ascii, split_at_byte, split_byte, starts_byte,
    strip_byte,
};
use super::error::{Error, ErrorCode, Result};

/// A validated access code: 1 to 64 of `[A-Za-z0-9_-]`, so it is always one
/// path segment and never needs encoding.
///
/// ```
/// use vivomeetings_embed::core::AccessCode;
/// assert_eq!(AccessCode::parse("123456")?.as_str(), "123456");
/// assert_eq!(AccessCode::parse("../admin").unwrap_err().code().as_str(), "invalid_access_code");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// With the `serde` feature it is a string, deserialized through [`AccessCode::parse`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "String", into = "String")
)]
pub struct AccessCode(String);

impl TryFrom<String> for AccessCode {
    type Error = Error;

    /// [`AccessCode::parse`].
    fn try_from(code: String) -> Result<AccessCode> {
        AccessCode::parse(&code)
    }
}

impl From<AccessCode> for String {
    /// The code as written in URLs.
    fn from(code: AccessCode) -> String {
        code.0
    }
}

impl AccessCode {
    /// Validates an access code given as a string.
    pub fn parse(code: &str) -> Result<AccessCode> {
        const FIELD: &str = "accessCode";
        if code.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidAccessCode,
                FIELD,
                "must not be empty",
            ));
        }
        let ok = code.len() <= 64
            && code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok {
            return Err(Error::with_value(
                ErrorCode::InvalidAccessCode,
                FIELD,
                "must be 1 to 64 letters, digits, '-' or '_'",
                code,
            ));
        }
        Ok(AccessCode(code.to_owned()))
    }

    /// An access code given as a number, as the host endpoints return it.
    pub fn from_number(code: u64) -> AccessCode {
        let mut s = String::new();
        super::encode::push_u64(&mut s, code);
        AccessCode(s)
    }

    /// The code as written in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The meeting room's default layout (`view`); with the `serde` feature,
/// its wire form (`"bottom_speaker"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum View {
    /// `gallery`: the platform's default.
    Gallery,
    /// `bottom_speaker`: preferred for 1-on-1 calls.
    BottomSpeaker,
    /// `left_side_speaker`.
    LeftSideSpeaker,
}

impl View {
    /// Every view, in documentation order.
    pub const ALL: [View; 3] = [View::Gallery, View::BottomSpeaker, View::LeftSideSpeaker];

    /// The wire form, e.g. `"bottom_speaker"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            View::Gallery => "gallery",
            View::BottomSpeaker => "bottom_speaker",
            View::LeftSideSpeaker => "left_side_speaker",
        }
    }

    /// Parses the wire form; `invalid_option` on `view` otherwise.
    pub fn parse(s: &str) -> Result<View> {
        View::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                Error::with_value(
                    ErrorCode::InvalidOption,
                    "view",
                    "must be 'gallery', 'bottom_speaker' or 'left_side_speaker'",
                    s,
                )
            })
    }
}

/// A device muted on joining (`mute`); with the `serde` feature, its wire
/// form (`"camera"` or `"mic"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Device {
    /// `camera`.
    Camera,
    /// `mic`.
    Mic,
}

impl Device {
    /// The wire form: `"camera"` or `"mic"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Device::Camera => "camera",
            Device::Mic => "mic",
        }
    }

    /// Parses the wire form; `invalid_option` on `field` otherwise.
    pub fn parse(s: &str, field: &str) -> Result<Device> {
        match s {
            "camera" => Ok(Device::Camera),
            "mic" => Ok(Device::Mic),
            _ => Err(Error::with_value(
                ErrorCode::InvalidOption,
                field,
                "must be 'camera' or 'mic'",
                s,
            )),
        }
    }
}

/// The wire names of the typed meeting-room parameters, in the order they are written.
pub const TYPED_PARAMS: [&str; 6] = [
    "name",
    "skip_join",
    "observer",
    "mute",
    "view",
    "strip_layout",
];

/// The longest display name accepted, in characters.
pub const NAME_MAX_CHARS: usize = 1000;

/// Options of a meeting-room URL (handbook 9.1, 9.3, 9.4).
///
/// Build it with struct update syntax or the consuming builder methods.
/// Options left at their default are left out of the URL.
///
/// With the `serde` feature it is an object with camelCase keys (`skipJoin`,
/// `muteCamera`, …, `params` as `[key, value]` pairs), every key optional
/// and unknown keys refused. The values are checked when a URL is built
/// ([`MeetingOptions::validate`]), as for options built in code.
///
/// ```
/// use vivomeetings_embed::core::{MeetingOptions, Device, View};
/// let opts = MeetingOptions::new()
///     .name("Steve Irwin")
///     .skip_join(true)
///     .mute(Device::Camera)
///     .view(View::BottomSpeaker)
///     .param("hide_whiteboard", "true");
/// assert_eq!(
///     opts.query()?,
///     "name=Steve+Irwin&skip_join=true&mute=camera&view=bottom_speaker&hide_whiteboard=true"
/// );
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "camelCase", default, deny_unknown_fields)
)]
#[must_use]
pub struct MeetingOptions {
    /// `name`: the participant's display name; the room will not ask for one.
    pub name: Option<String>,
    /// `skip_join=true`: skip the device-selection dialog.
    pub skip_join: bool,
    /// `observer=true`: join with the camera off and no video tile.
    pub observer: bool,
    /// `mute`: devices muted on joining (written `camera,mic`).
    pub mute_camera: bool,
    /// `mute`: the microphone is muted on joining.
    pub mute_mic: bool,
    /// `view`: the default layout.
    pub view: Option<View>,
    /// `strip_layout=true`: a thin strip for gaming and watch parties.
    pub strip_layout: bool,
    /// Pass-through parameters, written after the typed ones in this order.
    pub params: Vec<(String, String)>,
}

impl MeetingOptions {
    /// No options: a bare room URL.
    pub fn new() -> MeetingOptions {
        MeetingOptions::default()
    }

    /// Sets the display name.
    pub fn name(mut self, name: impl Into<String>) -> MeetingOptions {
        self.name = Some(name.into());
        self
    }

    /// Sets `skip_join`.
    pub fn skip_join(mut self, on: bool) -> MeetingOptions {
        self.skip_join = on;
        self
    }

    /// Sets `observer`.
    pub fn observer(mut self, on: bool) -> MeetingOptions {
        self.observer = on;
        self
    }

    /// Mutes `device` on joining (adds it to `mute`).
    pub fn mute(mut self, device: Device) -> MeetingOptions {
        match device {
            Device::Camera => self.mute_camera = true,
            Device::Mic => self.mute_mic = true,
        }
        self
    }

    /// Sets `view`.
    pub fn view(mut self, view: View) -> MeetingOptions {
        self.view = Some(view);
        self
    }

    /// Sets `strip_layout`.
    pub fn strip_layout(mut self, on: bool) -> MeetingOptions {
        self.strip_layout = on;
        self
    }

    /// Appends a pass-through parameter.
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> MeetingOptions {
        self.params.push((key.into(), value.into()));
        self
    }

    /// Checks every option without building anything.
    pub fn validate(&self) -> Result<()> {
        if let Some(name) = &self.name {
            if name.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidOption,
                    "name",
                    "must not be empty (leave it out instead)",
                ));
            }
            if has_control(name) {
                return Err(Error::with_value(
                    ErrorCode::InvalidOption,
                    "name",
                    "must not contain control characters",
                    name,
                ));
            }
            if char_count(name) > NAME_MAX_CHARS {
                return Err(Error::new(
                    ErrorCode::InvalidOption,
                    "name",
                    "must be at most 1000 characters",
                ));
            }
        }
        for (key, value) in &self.params {
            check_param(key, value)?;
        }
        Ok(())
    }

    /// The query string (without `?`) in the documented order:
    /// `name`, `skip_join`, `observer`, `mute`, `view`, `strip_layout`, then `params`.
    pub fn query(&self) -> Result<String> {
        self.query_within(URL_MAX)
    }

    /// [`MeetingOptions::query`], at most `room` characters long: a longer
    /// one is `invalid_option` on the field that made it too long.
    fn query_within(&self, room: usize) -> Result<String> {
        self.validate()?;
        // Only a form-encoded value (`name`, a param) can be long: the first
        // one that ends past `room` is the error, and the flags after the
        // name (a few dozen characters) count against the name. Nothing
        // else can fail once the options are valid, so it returns at once.
        let mut q = String::new();
        if let Some(name) = &self.name {
            pair(&mut q, "name", name);
            if q.len() > room {
                return Err(too_long("name"));
            }
        }
        flag(&mut q, "skip_join", self.skip_join);
        flag(&mut q, "observer", self.observer);
        match (self.mute_camera, self.mute_mic) {
            (true, true) => raw(&mut q, "mute", "camera,mic"),
            (true, false) => raw(&mut q, "mute", "camera"),
            (false, true) => raw(&mut q, "mute", "mic"),
            (false, false) => {}
        }
        if let Some(view) = self.view {
            raw(&mut q, "view", view.as_str());
        }
        flag(&mut q, "strip_layout", self.strip_layout);
        if q.len() > room {
            return Err(too_long("name"));
        }
        for (key, value) in &self.params {
            pair(&mut q, key, value);
            if q.len() > room {
                return Err(too_long(&param_field(key)));
            }
        }
        Ok(q)
    }
}

/// `params.<key>`, the field of a pass-through parameter's errors (built
/// only for an error).
fn param_field(key: &str) -> String {
    let mut field = String::from("params.");
    field.push_str(key);
    field
}

fn check_param(key: &str, value: &str) -> Result<()> {
    if key.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            "params",
            "keys must not be empty",
        ));
    }
    if TYPED_PARAMS.iter().any(|t| t.eq_ignore_ascii_case(key)) {
        return Err(Error::new(
            ErrorCode::ParamConflict,
            &param_field(key),
            "is a typed option: set it instead",
        ));
    }
    if has_control(key) || has_control(value) {
        return Err(Error::new(
            ErrorCode::InvalidOption,
            &param_field(key),
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// Writes `&` before a query's next pair (none before the first).
fn sep(q: &mut String) {
    if !q.is_empty() {
        push_ascii(q, b'&');
    }
}

/// Writes `key=value`, form-encoded.
fn pair(q: &mut String, key: &str, value: &str) {
    sep(q);
    form_encode_into(q, key);
    push_ascii(q, b'=');
    form_encode_into(q, value);
}

/// Writes `key=value` as they are (known ASCII words).
fn raw(q: &mut String, key: &str, value: &str) {
    sep(q);
    q.push_str(key);
    push_ascii(q, b'=');
    q.push_str(value);
}

/// Writes `key=true` when `on`.
fn flag(q: &mut String, key: &str, on: bool) {
    if on {
        raw(q, key, "true");
    }
}

/// The longest URL the library builds, in characters; a longer one is
/// `invalid_option` on the field that made it too long. Browsers and
/// servers start refusing URLs not far above this.
pub const URL_MAX: usize = 8192;

/// `invalid_option`: `field` made a URL longer than [`URL_MAX`].
pub(crate) fn too_long(field: &str) -> Error {
    Error::new(
        ErrorCode::InvalidOption,
        field,
        "makes the URL longer than 8192 characters",
    )
}

/// `base` + `?query` (when there is one), within [`URL_MAX`].
fn with_query(mut base: String, options: &MeetingOptions) -> Result<String> {
    let room = URL_MAX.saturating_sub(base.len() + 1);
    let query = options.query_within(room)?;
    if !query.is_empty() {
        push_ascii(&mut base, b'?');
        base.push_str(&query);
    }
    Ok(base)
}

/// The meeting-room URL `https://<platform>/conf/call/<code>?<options>`.
///
/// The handbook's own example (9.1):
/// ```
/// use vivomeetings_embed::core::{meeting_url, AccessCode, MeetingOptions, Platform};
/// let platform = Platform::parse("acme.vivomeetings.com")?;
/// let opts = MeetingOptions::new().name("Steve Irwin").skip_join(true);
/// assert_eq!(
///     meeting_url(&platform, &AccessCode::parse("123456")?, &opts)?,
///     "https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin&skip_join=true"
/// );
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn meeting_url(
    platform: &Platform,
    code: &AccessCode,
    options: &MeetingOptions,
) -> Result<String> {
    let mut url = platform.join("/conf/call/");
    url.push_str(code.as_str());
    with_query(url, options)
}

/// The room path relative to the platform, `/conf/call/<code>?<options>`,
/// for a sign-in's `redirect_url` (`redirectTo` in the JS API).
///
/// ```
/// use vivomeetings_embed::core::{room_path, AccessCode, MeetingOptions};
/// let path = room_path(&AccessCode::parse("123456")?, &MeetingOptions::new().skip_join(true))?;
/// assert_eq!(path, "/conf/call/123456?skip_join=true");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn room_path(code: &AccessCode, options: &MeetingOptions) -> Result<String> {
    let mut path = String::from("/conf/call/");
    path.push_str(code.as_str());
    with_query(path, options)
}

/// Resolves which room a partner means and builds its URL: an access code
/// on `platform`, or a full `meeting_url` / `room_url` from the platform's
/// API (exactly one of the two).
///
/// `platform` is the instance's, or the one named by a `domain` option; a
/// `meeting_url` must then be on that platform's origin. Without a platform
/// a `meeting_url` brings its own, and an access code is `invalid_domain`.
/// A query already in the `meeting_url` is kept as pass-through parameters,
/// before `options.params` (conflicts follow the params rule).
///
/// ```
/// use vivomeetings_embed::core::{room_url, MeetingOptions, Platform};
/// let acme = Platform::parse("acme.vivomeetings.com")?;
/// let opts = MeetingOptions::new().skip_join(true);
/// assert_eq!(
///     room_url(Some(&acme), Some("123456"), None, opts.clone())?,
///     "https://acme.vivomeetings.com/conf/call/123456?skip_join=true"
/// );
/// assert_eq!(
///     room_url(None, None, Some("https://company.reseller.tld/conf/call/1234567?lang=fr"), opts.clone())?,
///     "https://company.reseller.tld/conf/call/1234567?skip_join=true&lang=fr"
/// );
/// let elsewhere = room_url(Some(&acme), None, Some("https://company.reseller.tld/conf/call/1234567"), opts);
/// assert_eq!(elsewhere.unwrap_err().message(),
///     "meetingUrl: is not on the platform's origin (got 'https://company.reseller.tld/conf/call/1234567')");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn room_url(
    platform: Option<&Platform>,
    access_code: Option<&str>,
    room: Option<&str>,
    mut options: MeetingOptions,
) -> Result<String> {
    match (access_code, room) {
        (Some(_), Some(_)) => Err(Error::new(
            ErrorCode::InvalidOption,
            "meetingUrl",
            "give either accessCode or meetingUrl, not both",
        )),
        (None, Some(url)) => {
            let parsed = MeetingRoom::parse(url);
            // With a platform given, a URL on another origin (or scheme) is
            // simply not this platform's room, whether or not it parsed.
            let elsewhere = match (platform, &parsed) {
                (None, _) => false,
                (Some(p), Ok(room)) => *p != room.platform,
                (Some(_), Err(e)) => matches!(
                    e.code(),
                    ErrorCode::InvalidDomain | ErrorCode::InsecureDomain
                ),
            };
            if elsewhere {
                return Err(Error::with_value(
                    ErrorCode::InvalidOption,
                    "meetingUrl",
                    "is not on the platform's origin",
                    url,
                ));
            }
            let mut room = parsed?;
            // The URL's own query comes first, then `options.params`.
            room.params.append(&mut options.params);
            options.params = room.params;
            meeting_url(&room.platform, &room.code, &options)
        }
        (code, None) => {
            let Some(platform) = platform else {
                return Err(Error::new(
                    ErrorCode::InvalidDomain,
                    "domain",
                    "is required, e.g. 'acme.vivomeetings.com'",
                ));
            };
            let Some(code) = code else {
                return Err(Error::new(
                    ErrorCode::InvalidAccessCode,
                    "accessCode",
                    "is required",
                ));
            };
            meeting_url(platform, &AccessCode::parse(code)?, &options)
        }
    }
}

/// The livestream player URL `https://<platform>/livestream/<code>` (handbook 9.2).
///
/// ```
/// use vivomeetings_embed::core::{livestream_url, AccessCode, Platform};
/// let platform = Platform::parse("acme.vivomeetings.com")?;
/// assert_eq!(
///     livestream_url(&platform, &AccessCode::parse("123456")?),
///     "https://acme.vivomeetings.com/livestream/123456"
/// );
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn livestream_url(platform: &Platform, code: &AccessCode) -> String {
    let mut url = platform.join("/livestream/");
    url.push_str(code.as_str());
    url
}

/// Checks a path relative to the platform: it starts with exactly one `/`
/// (so `//host` and `/\host` are refused) and has no control characters,
/// spaces or backslashes. Returns a short detail on failure.
pub(crate) fn check_relative(path: &str) -> ::core::result::Result<(), &'static str> {
    let rest = strip_byte(path, b'/').ok_or("must start with '/'")?;
    if starts_byte(rest, b'/') || starts_byte(rest, b'\\') {
        return Err("must start with exactly one '/'");
    }
    if has_control(path) || find_byte(path, b" \\").is_some() {
        return Err("must not contain spaces, '\\' or control characters");
    }
    // `/.//evil` and `/..//evil` resolve to the path `//evil`, which a server
    // that echoes it into a Location header would send off the platform.
    let path_only = find_byte(path, b"?#").map_or(path, |end| &path[..end]);
    if split_byte(path_only, b'/').any(is_dot_segment) {
        return Err("must not contain '.' or '..' segments");
    }
    Ok(())
}

/// `.` or `..`, also percent-encoded (`%2e`, `.%2E`, …), as the URL Standard reads them.
pub(crate) fn is_dot_segment(segment: &str) -> bool {
    let b = segment.as_bytes();
    let (mut i, mut dots) = (0, 0);
    while i < b.len() {
        if b[i] == b'.' {
            i += 1;
        } else if b[i] == b'%'
            && b.get(i + 1) == Some(&b'2')
            && b.get(i + 2).map(|c| c | 0x20) == Some(b'e')
        {
            i += 3;
        } else {
            return false;
        }
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// Any other platform page by its path (handbook 9.1: "You can embed any of
/// our other pages by the same means"). Characters outside ASCII are
/// percent-encoded; a query or fragment in `path` is kept.
///
/// ```
/// use vivomeetings_embed::core::{page_url, Platform};
/// let platform = Platform::parse("acme.vivomeetings.com")?;
/// assert_eq!(page_url(&platform, "/conf/calls/upcoming")?, "https://acme.vivomeetings.com/conf/calls/upcoming");
/// assert_eq!(page_url(&platform, "//evil.example").unwrap_err().code().as_str(), "invalid_option");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
pub fn page_url(platform: &Platform, path: &str) -> Result<String> {
    check_relative(path)
        .map_err(|d| Error::with_value(ErrorCode::InvalidOption, "path", d, path))?;
    let mut url = platform.join("");
    encode_non_ascii_into(&mut url, path);
    if url.len() > URL_MAX {
        return Err(too_long("path"));
    }
    Ok(url)
}

/// A meeting room given as a full URL, as the host and conference endpoints
/// return it in `meeting_url` / `room_url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRoom {
    /// The platform the room is on.
    pub platform: Platform,
    /// The room's access code.
    pub code: AccessCode,
    /// Parameters already in the URL's query, decoded, in order.
    pub params: Vec<(String, String)>,
}

impl MeetingRoom {
    /// Parses `https://company.reseller.tld/conf/call/1234567[?query]`.
    ///
    /// Errors name the field `meetingUrl`: `invalid_option` when it is not a
    /// meeting-room URL, and the domain and access-code errors of its parts.
    ///
    /// ```
    /// use vivomeetings_embed::core::MeetingRoom;
    /// let room = MeetingRoom::parse("https://company.reseller.tld/conf/call/1234567?lang=fr")?;
    /// assert_eq!(room.platform.origin(), "https://company.reseller.tld");
    /// assert_eq!(room.code.as_str(), "1234567");
    /// assert_eq!(room.params, vec![("lang".to_owned(), "fr".to_owned())]);
    /// # Ok::<(), vivomeetings_embed::core::Error>(())
    /// ```
    pub fn parse(url: &str) -> Result<MeetingRoom> {
        const FIELD: &str = "meetingUrl";
        let bad = |d: &str| Error::with_value(ErrorCode::InvalidOption, FIELD, d, url);
        // A browser strips leading and trailing spaces and removes tabs and
        // newlines anywhere, so such a URL would not say what it seems to.
        if has_space_or_control(url) {
            return Err(bad("must not contain spaces or control characters"));
        }
        let Some(after_scheme) = find_scheme_sep(url).map(|i| i + 3) else {
            return Err(bad("must be a full https:// meeting-room URL"));
        };
        let path_start =
            find_byte(&url[after_scheme..], b"/?#\\").map_or(url.len(), |i| after_scheme + i);
        let platform = Platform::parse(&url[..path_start]).map_err(|e| e.within(FIELD))?;
        let rest = &url[path_start..];
        if find_byte(rest, b"#").is_some() {
            return Err(bad("must not have a fragment"));
        }
        let (path, query) = split_at_byte(rest, b"?").unwrap_or((rest, ""));
        let code = path
            .strip_prefix("/conf/call/")
            .ok_or_else(|| bad("must be a meeting-room URL (…/conf/call/<code>)"))?;
        let code = AccessCode::parse(code.strip_suffix("/").unwrap_or(code))
            .map_err(|e| e.within(FIELD))?;
        let mut params = Vec::new();
        for pair in split_byte(query, b'&').filter(|p| !p.is_empty()) {
            let (k, v) = split_at_byte(pair, b"=").unwrap_or((pair, ""));
            match (form_decode(k), form_decode(v)) {
                (Some(k), Some(v)) => params.push((k, v)),
                _ => return Err(bad("has a query that is not UTF-8")),
            }
        }
        Ok(MeetingRoom {
            platform,
            code,
            params,
        })
    }
}

#[cfg(test)]
mod tests;
