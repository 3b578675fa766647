//! The wire between the JS layer and the wasm exports (`crate::wasm`).
//!
//! Arguments: the JS layer packs an export's arguments into one string
//! (`js/errors.js`, `pack`) and lists of results come back packed the same
//! way. One string each way keeps both
//! the generated glue and the exports' shims small, and the exports take
//! no JS values at all.
//!
//! The format, item after item:
//! - `-`: absent (or `false`);
//! - `+`: `true`;
//! - `<n>:` and then `n` UTF-16 code units: a string (JS counts in UTF-16
//!   units; a lone surrogate arrives as U+FFFD, still one unit);
//! - `[<n>]` and then `n` strings: a list.
//!
//! A malformed packing (a bug, never partner input) reads as absent values.
//!
//! Results: a string, or an error starting with NUL ([`result`]).

/// The packed arguments of one call, read in order.
pub(crate) struct Args<'a>(&'a str);

impl<'a> Args<'a> {
    /// Reads `packed`.
    pub(crate) fn new(packed: &'a str) -> Args<'a> {
        Args(packed)
    }

    /// `<digits><end>`: the number, after the digits and the end byte.
    fn number(&mut self, end: u8) -> Option<usize> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        let n = super::encode::parse_u64(self.0.get(..digits)?)?;
        self.0 = super::encode::strip_byte(self.0.get(digits..)?, end)?;
        usize::try_from(n).ok()
    }

    /// The next string; `None` for `-` or `+`.
    pub(crate) fn text(&mut self) -> Option<&'a str> {
        if matches!(self.0.as_bytes().first(), Some(b'-' | b'+')) {
            self.0 = self.0.get(1..).unwrap_or_default();
            return None;
        }
        let units = self.number(b':')?;
        // Walk the UTF-8 bytes, counting UTF-16 units at each character's
        // first byte, and stop at the first character boundary where
        // `units` have been seen. Bytes, not `chars()`: nothing needs decoding.
        let bytes = self.0.as_bytes();
        let (mut seen, mut end) = (0, 0);
        while let Some(&b) = bytes.get(end) {
            if is_char_start(b) {
                if seen == units {
                    break;
                }
                seen += utf16_units(b);
            }
            end += 1;
        }
        // `end` is a character boundary (or the end), so both halves exist.
        let text = self.0.get(..end)?;
        self.0 = self.0.get(end..)?;
        Some(text)
    }

    /// The next argument as a non-negative integer (sent as its decimal
    /// text); 0 when absent or not one.
    pub(crate) fn number_arg(&mut self) -> u64 {
        self.text().and_then(super::encode::parse_u64).unwrap_or(0)
    }

    /// The next string, owned.
    pub(crate) fn string(&mut self) -> Option<String> {
        self.text().map(str::to_owned)
    }

    /// The next flag: `+` is true.
    pub(crate) fn flag(&mut self) -> bool {
        let on = super::encode::starts_byte(self.0, b'+');
        self.text();
        on
    }

    /// The next list; `None` for `-`.
    pub(crate) fn list(&mut self) -> Option<Vec<String>> {
        let n = self.list_len()?;
        // A plain loop: `map_while(..).collect()` is ~400 B of wasm.
        let mut items = Vec::new();
        for _ in 0..n {
            // A malformed item ends the list.
            let Some(item) = self.string() else { break };
            items.push(item);
        }
        Some(items)
    }

    /// The next list's length (0 for `-`); its items are the next `n`
    /// strings, to read with [`Args::text`] without copying them.
    pub(crate) fn list_len(&mut self) -> Option<usize> {
        if let Some(rest) = super::encode::strip_byte(self.0, b'-') {
            self.0 = rest;
            return None;
        }
        let rest = super::encode::strip_byte(self.0, b'[')?;
        self.0 = rest;
        self.number(b']')
    }
}

/// An export's result: its string, or an error as the JS layer reads it:
/// `\0code \n field \n message` (a result never starts with NUL). The
/// field and message have no raw newline: control characters in them
/// become `?`.
pub(crate) fn result(r: Result<String, super::Error>) -> String {
    r.unwrap_or_else(|e| error(&e))
}

/// An error on the wire (see [`result`]).
pub(crate) fn error(e: &super::Error) -> String {
    let mut out = String::from("\0");
    out.push_str(e.code().as_str());
    for part in [e.field().unwrap_or(""), e.message()] {
        super::encode::push_ascii(&mut out, b'\n');
        super::error::push_visible(&mut out, part, usize::MAX);
    }
    out
}

/// Whether the UTF-8 byte `b` starts a character (is not `10xxxxxx`).
fn is_char_start(b: u8) -> bool {
    b & 0xc0 != 0x80
}

/// The UTF-16 length of the character whose UTF-8 encoding starts with
/// `lead`: 2 (a surrogate pair) for the 4-byte sequences, else 1.
fn utf16_units(lead: u8) -> usize {
    if lead >= 0xf0 {
        2
    } else {
        1
    }
}

/// Packs strings for the JS layer's `unpack`.
pub(crate) fn pack(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        let units = part.bytes().filter(|&b| is_char_start(b)).map(utf16_units);
        super::encode::push_index(&mut out, units.sum());
        super::encode::push_ascii(&mut out, b':');
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `js/errors.js`'s `pack` writes for these values.
    fn js_pack(items: &[Option<&str>]) -> String {
        items
            .iter()
            .map(|i| match i {
                None => "-".to_owned(),
                Some(s) => format!("{}:{s}", s.encode_utf16().count()),
            })
            .collect()
    }

    #[test]
    fn strings_round_trip_whatever_they_hold() {
        let cases = [
            "",
            "a",
            "3:",
            "-",
            "+",
            "[1]",
            "é",
            "𝄞 emoji 😀",
            "a\u{0}b\nc",
            "\u{FFFD}",
        ];
        for s in cases {
            let packed = js_pack(&[Some(s), None, Some(s)]);
            let mut args = Args::new(&packed);
            assert_eq!(args.text(), Some(s), "{packed:?}");
            assert_eq!(args.text(), None);
            assert_eq!(args.text(), Some(s));
            assert_eq!(args.text(), None, "nothing left");
        }
    }

    #[test]
    fn flags_and_lists() {
        let mut args = Args::new("+-[2]1:a6:camera-[0]");
        assert!(args.flag());
        assert!(!args.flag());
        assert_eq!(args.list(), Some(vec!["a".to_owned(), "camera".to_owned()]));
        assert_eq!(args.list(), None);
        assert_eq!(args.list(), Some(vec![]));
    }

    #[test]
    fn list_len_then_texts_reads_what_list_reads() {
        for packed in [
            "[2]1:a6:camera",
            "-",
            "[0]",
            "[3]1:a-1:b",
            "[2]1:a",
            "[x]",
            "2:ab",
        ] {
            let mut by_list = Args::new(packed);
            let mut by_len = Args::new(packed);
            let want = by_list.list();
            let got = by_len.list_len().map(|n| {
                let mut items = Vec::new();
                for _ in 0..n {
                    let Some(item) = by_len.text() else { break };
                    items.push(item.to_owned());
                }
                items
            });
            assert_eq!(got, want, "{packed:?}");
            assert_eq!(by_len.0, by_list.0, "{packed:?}: the same rest");
        }
    }

    #[test]
    fn malformed_packings_read_as_absent_without_panicking() {
        for packed in [
            "9:abc",
            "x",
            ":",
            "99999999999999999999999:a",
            "[3]1:a",
            "2:\u{1F600}",
        ] {
            let mut args = Args::new(packed);
            for _ in 0..4 {
                let _ = (args.text(), args.list(), args.flag());
            }
        }
    }

    #[test]
    fn pack_counts_utf16_units() {
        assert_eq!(pack(&["ab", "😀", ""]), "2:ab2:😀0:");
    }

    proptest::proptest! {
        /// `error` and `pack` read bytes; they agree with `char`'s view.
        #[test]
        fn error_and_pack_agree_with_chars(field in "\\PC{0,6}", text in "(\\PC|\\pC){0,12}") {
            let e = crate::core::Error::new(crate::core::ErrorCode::InvalidOption, &field, &text);
            let visible = |s: &str| -> String {
                s.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
            };
            let want = format!("\0invalid_option\n{}\n{}", visible(&field), visible(e.message()));
            proptest::prop_assert_eq!(error(&e), want);
            let want = format!("{}:{text}", text.encode_utf16().count());
            proptest::prop_assert_eq!(pack(&[&text]), want);
        }

        #[test]
        fn any_strings_round_trip(items in proptest::collection::vec(proptest::option::of(".*"), 0..6)) {
            let refs: Vec<Option<&str>> = items.iter().map(|i| i.as_deref()).collect();
            let packed = js_pack(&refs);
            let mut args = Args::new(&packed);
            for item in &refs {
                proptest::prop_assert_eq!(args.text(), *item);
            }
        }
    }
}
