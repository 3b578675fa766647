//! Mounting iframes.

use super::{document, dom_error, element, set_style};
use crate::core::encode::{find_byte, is_blank};
use crate::core::{Error, ErrorCode};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlIFrameElement};

/// Where to mount an iframe: an element, or a CSS selector for one.
pub enum Container {
    /// This element.
    Element(Element),
    /// The first element matching this selector.
    Selector(String),
}

/// Finds the container element.
///
/// Errors: `container_not_found` when the selector matches nothing (or the
/// element is not in a document), `invalid_option` when it is not a valid selector.
pub fn resolve_container(container: Container) -> Result<Element, Error> {
    match container {
        Container::Element(el) => {
            if el.is_connected() {
                Ok(el)
            } else {
                Err(Error::new(
                    ErrorCode::ContainerNotFound,
                    "container",
                    "is not in the document",
                ))
            }
        }
        Container::Selector(sel) => match document()?.query_selector(&sel) {
            Ok(Some(el)) => Ok(el),
            Ok(None) => Err(Error::with_value(
                ErrorCode::ContainerNotFound,
                "container",
                "matches no element",
                &sel,
            )),
            Err(_) => Err(Error::with_value(
                ErrorCode::InvalidOption,
                "container",
                "is not a valid CSS selector",
                &sel,
            )),
        },
    }
}

/// What the iframe shows; it decides the `allow` list and the default title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// A meeting room: camera, microphone, fullscreen, autoplay, screen sharing.
    Meeting,
    /// The livestream player: fullscreen and autoplay.
    Livestream,
    /// The SSO page of 10.2, which lands in a room or the dashboard.
    SignIn,
}

impl FrameKind {
    /// The exact `allow` attribute.
    pub const fn allow(self) -> &'static str {
        match self {
            FrameKind::Meeting | FrameKind::SignIn => {
                "camera;microphone;fullscreen;autoplay;display-capture"
            }
            FrameKind::Livestream => "fullscreen;autoplay",
        }
    }

    /// The default accessible `title`.
    pub const fn default_title(self) -> &'static str {
        match self {
            FrameKind::Meeting => "VivoMeetings meeting room",
            FrameKind::Livestream => "VivoMeetings livestream",
            FrameKind::SignIn => "VivoMeetings",
        }
    }
}

/// Presentation options of an embed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct FrameOptions {
    /// The iframe's `title`; a default per [`FrameKind`] when `None`.
    pub title: Option<String>,
    /// A CSS length for the width; `100%` when `None`.
    pub width: Option<String>,
    /// A CSS length for the height; `100%` when `None`.
    pub height: Option<String>,
}

impl FrameOptions {
    /// Checks that `width` and `height` are CSS lengths the browser accepts
    /// and that `title` is not empty.
    pub fn validate(&self) -> Result<(), Error> {
        for (field, value) in [("width", &self.width), ("height", &self.height)] {
            if let Some(v) = value {
                if !web_sys::css::supports_with_value(field, v).unwrap_or(false)
                    || find_byte(v, b";").is_some()
                {
                    return Err(Error::with_value(
                        ErrorCode::InvalidOption,
                        field,
                        "must be a CSS length, e.g. '480px'",
                        v,
                    ));
                }
            }
        }
        if self.title.as_deref().is_some_and(is_blank) {
            return Err(Error::new(
                ErrorCode::InvalidOption,
                "title",
                "must not be empty",
            ));
        }
        Ok(())
    }
}

/// Creates the iframe for `url` and appends it to `container`.
pub fn mount(
    container: &Element,
    url: &str,
    kind: FrameKind,
    options: &FrameOptions,
) -> Result<HtmlIFrameElement, Error> {
    options.validate()?;
    let mut attributes = vec![
        (
            "title",
            options.title.as_deref().unwrap_or(kind.default_title()),
        ),
        ("allow", kind.allow()),
        ("allowfullscreen", ""),
    ];
    if kind == FrameKind::SignIn {
        attributes.push(("referrerpolicy", "no-referrer"));
    }
    let iframe: HtmlIFrameElement = element("iframe", &attributes)?.unchecked_into();
    let style = iframe.style();
    for (prop, value) in [
        ("border", "0"),
        ("display", "block"),
        ("width", options.width.as_deref().unwrap_or("100%")),
        ("height", options.height.as_deref().unwrap_or("100%")),
    ] {
        set_style(&style, prop, value);
    }
    iframe.set_src(url);
    container
        .append_child(&iframe)
        .map_err(|e| dom_error("appendChild", &e))?;
    Ok(iframe)
}
