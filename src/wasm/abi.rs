//! The wasm's ABI, written out instead of generated: the exports take one
//! string and return one string, and the wasm imports nothing, so this is
//! all the JS layer (`js/abi.js`) needs to call them.
//!
//! 1. `alloc(len) -> ptr` empties the arena (`super::arena`: whatever the
//!    last call left is dead) and reserves `len` bytes, where the JS layer
//!    writes the argument (UTF-8 from `TextEncoder`, or a webhook's bytes).
//! 2. An export, `name(ptr, len) -> u64`, reads that argument and returns
//!    where its result is, `(ptr << 32) | len`: UTF-8, valid until the next
//!    `alloc`.
//!
//! Nothing is freed: the next call's `alloc` empties the arena.

use std::alloc::{alloc as allocate, handle_alloc_error, Layout};

/// Empties the arena, then reserves `len` bytes for an argument.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    // SAFETY: the JS layer has read the last call's result, and keeps no
    // pointer into wasm memory from one call to the next.
    unsafe { crate::ALLOC.reset() };
    match Layout::from_size_align(len, 1) {
        Ok(layout) if len > 0 => {
            // SAFETY: the layout has a non-zero size.
            let at = unsafe { allocate(layout) };
            if at.is_null() {
                // The memory cannot grow: a trap, never a write at 0.
                handle_alloc_error(layout);
            }
            at
        }
        _ => ::core::ptr::null_mut(),
    }
}

/// The argument at `ptr` (`len` bytes; none when `alloc` reserved nothing).
///
/// # Safety
/// `ptr` and `len` are the buffer the last `alloc(len)` made.
unsafe fn argument<'a>(ptr: *mut u8, len: usize) -> &'a [u8] {
    if ptr.is_null() {
        &[]
    } else {
        // SAFETY: see above.
        unsafe { ::core::slice::from_raw_parts(ptr, len) }
    }
}

/// Runs an export on its argument's bytes and leaves the result for the JS
/// layer: `(ptr << 32) | len`.
///
/// # Safety
/// As [`argument`].
#[cfg(feature = "server")]
unsafe fn run_on(ptr: *mut u8, len: usize, export: fn(&[u8]) -> String) -> u64 {
    // SAFETY: see above.
    keep(export(unsafe { argument(ptr, len) }))
}

/// Runs a string export: the JS layer writes its argument with `TextEncoder`.
///
/// # Safety
/// As [`argument`], and the bytes are well-formed UTF-8.
unsafe fn run_str(ptr: *mut u8, len: usize, export: fn(&str) -> String) -> u64 {
    // SAFETY: see above.
    keep(export(unsafe {
        ::core::str::from_utf8_unchecked(argument(ptr, len))
    }))
}

/// Leaves `out` in the arena for the JS layer: `(ptr << 32) | len`.
fn keep(out: String) -> u64 {
    let at = (out.as_ptr() as usize as u64) << 32 | out.len() as u64;
    // Not freed: it stays until the next `alloc` empties the arena.
    ::core::mem::forget(out);
    at
}

/// The exports, each `name(ptr, len) -> u64` over the function of the same
/// name in [`crate::wasm`]. Their only caller is `invoke` in js/abi.js,
/// which passes a buffer from `alloc` holding `TextEncoder` output.
macro_rules! exports {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "` over the ABI.")]
        ///
        /// # Safety
        /// `ptr` and `len` are the buffer the last `alloc(len)` made,
        /// holding UTF-8.
        #[export_name = stringify!($name)]
        pub unsafe extern "C" fn $name(ptr: *mut u8, len: usize) -> u64 {
            // SAFETY: see above.
            unsafe { run_str(ptr, len, super::$name) }
        }
    )*};
}

exports!(
    // The browser entry's.
    origin,
    meeting_url,
    room_path,
    livestream_url,
    page_url,
    sign_in_url,
    frame,
    check_message,
    authorize_url,
    oauth_callback,
    enterprise_call,
    enterprise_status,
);

// The server entry's (the `server` feature).
#[cfg(feature = "server")]
exports!(check_webhook_secret, token_request, token_response);

/// `parse_webhook` over the ABI: its argument is the body's bytes, as they came.
///
/// # Safety
/// `ptr` and `len` are the buffer the last `alloc(len)` made.
#[cfg(feature = "server")]
#[export_name = "parse_webhook"]
pub unsafe extern "C" fn parse_webhook(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: see above.
    unsafe { run_on(ptr, len, super::parse_webhook) }
}
