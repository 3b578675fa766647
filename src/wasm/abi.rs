//! The wasm's ABI, written out instead of generated: the exports take one
//! string and return one string, and the wasm imports nothing, so this is
//! all the JS layer (`js/abi.js`) needs to call them.
//!
//! - `alloc(len) -> ptr` reserves `len` bytes; the JS layer writes an
//!   argument there (UTF-8 from `TextEncoder`, or a webhook's raw bytes).
//! - Each export, `name(ptr, len) -> u64`, takes that argument (and frees
//!   it) and returns where its result is: `(ptr << 32) | len`.
//! - `free(ptr, len)` releases a result once the JS layer has read it.
//!
//! A zero length is no allocation at all.

use std::alloc::{alloc as allocate, dealloc, Layout};

/// The layout of a `len`-byte buffer (bytes are aligned to 1).
fn layout(len: usize) -> Option<Layout> {
    Layout::from_size_align(len, 1).ok()
}

/// Reserves `len` bytes for an argument; 0 for none (or when `len` is 0).
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    match layout(len) {
        // SAFETY: the layout has a non-zero size.
        Some(l) if len > 0 => unsafe { allocate(l) },
        _ => ::core::ptr::null_mut(),
    }
}

/// Releases a buffer of `len` bytes made by `alloc` or returned by an export.
///
/// # Safety
/// `ptr` and `len` are a pair `alloc` made or an export returned, not yet freed.
#[no_mangle]
pub unsafe extern "C" fn free(ptr: *mut u8, len: usize) {
    if let (Some(l), false) = (layout(len), ptr.is_null() || len == 0) {
        // SAFETY: see above: allocated with this very layout.
        unsafe { dealloc(ptr, l) }
    }
}

/// Runs an export on its argument at `ptr` (`len` bytes, freed here) and
/// leaves the result for the JS layer: `(ptr << 32) | len`.
///
/// # Safety
/// `ptr` and `len` are a buffer `alloc(len)` made, holding the argument,
/// and not used after this call.
unsafe fn run_on(ptr: *mut u8, len: usize, export: impl FnOnce(&[u8]) -> String) -> u64 {
    let arg: &[u8] = if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: see above.
        unsafe { ::core::slice::from_raw_parts(ptr, len) }
    };
    let out = export(arg).into_boxed_str();
    // SAFETY: see above: the argument is not used again.
    unsafe { free(ptr, len) };
    let (at, n) = (out.as_ptr() as usize as u64, out.len() as u64);
    // The result's buffer is released by `free` (an empty one has none).
    if n > 0 {
        ::core::mem::forget(out);
    }
    at << 32 | n
}

/// Runs a string export: the JS layer writes its argument with `TextEncoder`.
///
/// # Safety
/// As [`run_on`], and the bytes are well-formed UTF-8.
unsafe fn run_str(ptr: *mut u8, len: usize, export: fn(&str) -> String) -> u64 {
    // SAFETY: see above.
    unsafe {
        run_on(ptr, len, |bytes| {
            export(::core::str::from_utf8_unchecked(bytes))
        })
    }
}

/// The exports, each `name(ptr, len) -> u64` over the function of the same
/// name in [`crate::wasm`]. Their only caller is `invoke` in js/abi.js,
/// which passes a buffer from `alloc` holding `TextEncoder` output.
macro_rules! exports {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "` over the ABI.")]
        ///
        /// # Safety
        /// `ptr` and `len` are a buffer `alloc(len)` made, holding UTF-8,
        /// and not used after this call.
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
/// `ptr` and `len` are a buffer `alloc(len)` made, not used after this call.
#[cfg(feature = "server")]
#[export_name = "parse_webhook"]
pub unsafe extern "C" fn parse_webhook(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: see above.
    unsafe { run_on(ptr, len, super::parse_webhook) }
}
