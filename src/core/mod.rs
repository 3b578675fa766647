//! The pure core: URL building, validation and message parsing.
//!
//! Nothing here touches the DOM, so it compiles and tests natively and
//! serves Rust web frameworks and server-side code (links in e-mails and
//! calendar invites) as well as the browser build.

pub mod domain;
pub mod encode;
pub mod enterprise;
pub mod error;
pub mod event;
pub mod frame;
pub mod json;
pub mod meeting;
pub mod oauth;
pub mod sso;
pub mod webhook;
// Plumbing of the wasm build, tested natively.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod wire;

pub use domain::Platform;
pub use error::{Error, ErrorCode, Result};
pub use event::{parse_message, LeaveReason, MeetingEvent, Rejection};
pub use frame::FrameKind;
pub use meeting::{
    livestream_url, meeting_url, page_url, room_path, room_url, AccessCode, Device, MeetingOptions,
    MeetingRoom, View, URL_MAX,
};
pub use sso::{HostId, LoginToken, SignIn, SignInParts};
pub use webhook::WebhookEvent;
