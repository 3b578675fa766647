//! What an embedded iframe is: its `allow` list, accessible title and
//! referrer policy per kind (handbook 9.1, 9.2 and 10.2).

use super::encode::is_blank;
use super::error::{Error, ErrorCode, Result};

/// The kind of an embedded iframe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// A meeting room (9.1).
    Meeting,
    /// The livestream player (9.2).
    Livestream,
    /// The sign-in page inside an iframe (10.2), which lands in a room.
    SignIn,
}

impl FrameKind {
    /// The kinds, by the numbers the wasm exports use (0, 1, 2).
    pub const ALL: [FrameKind; 3] = [FrameKind::Meeting, FrameKind::Livestream, FrameKind::SignIn];

    /// The `allow` attribute: what the page inside may use. Fullscreen is
    /// not in it: every embed also gets the `allowfullscreen` attribute,
    /// which every browser honours (Safari included, which does not read a
    /// `fullscreen` token in `allow`), and Chromium warns on every page
    /// when both name fullscreen ("Allow attribute will take precedence
    /// over 'allowfullscreen'").
    ///
    /// ```
    /// use vivomeetings_embed::core::FrameKind;
    /// assert_eq!(FrameKind::Meeting.allow(), "camera;microphone;autoplay;display-capture");
    /// assert_eq!(FrameKind::Livestream.allow(), "autoplay");
    /// ```
    pub const fn allow(self) -> &'static str {
        match self {
            FrameKind::Meeting | FrameKind::SignIn => "camera;microphone;autoplay;display-capture",
            FrameKind::Livestream => "autoplay",
        }
    }

    /// The accessible title used when the partner gives none.
    pub const fn default_title(self) -> &'static str {
        match self {
            FrameKind::Meeting => "VivoMeetings meeting room",
            FrameKind::Livestream => "VivoMeetings livestream",
            FrameKind::SignIn => "VivoMeetings",
        }
    }

    /// The `referrerpolicy` attribute: `no-referrer` for the sign-in,
    /// whose URL carries the login token; none for the others.
    pub const fn referrer_policy(self) -> Option<&'static str> {
        match self {
            FrameKind::SignIn => Some("no-referrer"),
            _ => None,
        }
    }

    /// The title to set: the partner's (not blank), or the default.
    ///
    /// ```
    /// use vivomeetings_embed::core::FrameKind;
    /// assert_eq!(FrameKind::Livestream.title(None)?, "VivoMeetings livestream");
    /// assert_eq!(FrameKind::Meeting.title(Some("Team call"))?, "Team call");
    /// assert_eq!(FrameKind::Meeting.title(Some("  ")).unwrap_err().code().as_str(), "invalid_option");
    /// # Ok::<(), vivomeetings_embed::core::Error>(())
    /// ```
    pub fn title(self, given: Option<&str>) -> Result<&str> {
        match given {
            None => Ok(self.default_title()),
            Some(title) if is_blank(title) => Err(Error::new(
                ErrorCode::InvalidOption,
                "title",
                "must not be empty",
            )),
            Some(title) => Ok(title),
        }
    }
}
