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

/// A small coalescing free-list allocator instead of dlmalloc: ~2 KB less
/// gzipped wasm. The library's heap is tiny and short-lived (URLs, option
/// values), so the free list stays short.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without the atomics feature has one thread.
static ALLOC: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
