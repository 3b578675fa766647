//! Embed [VivoMeetings](https://vivomeetings.com) meeting rooms and
//! livestreams in a web app, sign hosts in on their behalf, and turn the
//! meeting iframe's messages into typed events.
//!
//! The crate has two Rust layers, and a JS one beside it:
//! - [`core`]: pure Rust that makes every decision (URL building,
//!   validation, redirect and message checks); no DOM, usable natively,
//!   e.g. to build links on a server;
//! - `wasm` (wasm32 only): the exports the JS layer calls with plain values;
//! - `js/` (not Rust): the public classes of the npm package
//!   `vivomeetings-embed`, which read options, touch the DOM and listen.
//!
//! ```
//! use vivomeetings_embed::core::{meeting_url, AccessCode, MeetingOptions, Platform};
//! let platform = Platform::parse("acme.vivomeetings.com")?;
//! let url = meeting_url(&platform, &AccessCode::parse("123456")?, &MeetingOptions::new().name("Steve Irwin"))?;
//! assert_eq!(url, "https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin");
//! # Ok::<(), vivomeetings_embed::core::Error>(())
//! ```
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The package wasm's allocator: an arena emptied at the start of every
/// call from the JS layer (`src/wasm/arena.rs`). Other wasm builds (the
/// browser tests) use the default allocator.
#[cfg(all(target_arch = "wasm32", feature = "package"))]
#[global_allocator]
static ALLOC: wasm::arena::Arena = wasm::arena::Arena::new();
