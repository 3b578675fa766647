//! The package wasm's allocator: an arena that the ABI empties at the start
//! of every call (`alloc` in `src/wasm/abi.rs`). Every call is
//! self-contained (its argument, its temporaries and its result are dead once
//! the JS layer has read the result, before its next call), so nothing is
//! ever freed one by one: freeing is a no-op, and the largest single call
//! bounds the memory (a URL of at most 8,192 characters, a message of at
//! most 64 KiB: well under 1 MiB).

use std::alloc::{GlobalAlloc, Layout};
use std::arch::wasm32;
use std::cell::Cell;

// Where the heap starts (after the stack and the data), from the linker.
extern "C" {
    static __heap_base: u8;
}

/// The size of a wasm memory page.
const PAGE: usize = 64 * 1024;

/// See the module's documentation.
pub(crate) struct Arena {
    /// The end of the last allocation; 0 when the arena is empty.
    top: Cell<usize>,
}

// SAFETY: wasm32-unknown-unknown without the atomics feature has one thread.
unsafe impl Sync for Arena {}

impl Arena {
    /// An empty arena.
    pub(crate) const fn new() -> Arena {
        Arena { top: Cell::new(0) }
    }

    /// Empties the arena.
    ///
    /// # Safety
    /// No allocation made before is used again.
    pub(crate) unsafe fn reset(&self) {
        self.top.set(0);
    }
}

// SAFETY: each allocation is an aligned range of memory, grown if need be,
// that no other allocation made since the last `reset` overlaps.
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let top = match self.top.get() {
            0 => ::core::ptr::addr_of!(__heap_base) as usize,
            top => top,
        };
        let align = layout.align() - 1;
        let Some(end) = ((top + align) & !align).checked_add(layout.size()) else {
            return ::core::ptr::null_mut();
        };
        let size = wasm32::memory_size(0) * PAGE;
        if end > size && wasm32::memory_grow(0, (end - size).div_ceil(PAGE)) == usize::MAX {
            return ::core::ptr::null_mut();
        }
        self.top.set(end);
        (end - layout.size()) as *mut u8
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}
