//! Byte-exact encoders and decoders, small enough for the WebAssembly build.

/// Appends `s` encoded as `application/x-www-form-urlencoded`, exactly as the
/// URL Standard's serializer (and `URLSearchParams`) does: ASCII letters,
/// digits and `*-._` stay, a space becomes `+`, every other byte of the UTF-8
/// encoding becomes `%XX` with upper-case hex.
///
/// ```
/// let mut out = String::new();
/// vivomeetings_embed::core::encode::form_encode_into(&mut out, "Steve Irwin & Zoë");
/// assert_eq!(out, "Steve+Irwin+%26+Zo%C3%AB");
/// ```
pub fn form_encode_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                push_ascii(out, b)
            }
            b' ' => push_ascii(out, b'+'),
            _ => push_percent(out, b),
        }
    }
}

/// Appends `s` with every byte outside printable ASCII percent-encoded, and
/// everything else kept as it is (for paths given by the partner).
pub(crate) fn encode_non_ascii_into(out: &mut String, s: &str) {
    // Bytes of non-ASCII characters are exactly the bytes >= 0x80.
    for &b in s.as_bytes() {
        if b.is_ascii() {
            push_ascii(out, b);
        } else {
            push_percent(out, b);
        }
    }
}

/// Appends the ASCII byte `b` (a byte past 0x7f would be cut to 7 bits).
///
/// One shared call instead of `String::push`: inlined, `push` costs ~30 B
/// of wasm at each call site, and whether LLVM inlines it depends on the
/// rest of the build.
#[inline(never)]
pub(crate) fn push_ascii(out: &mut String, b: u8) {
    out.push(char::from(b & 0x7f));
}

fn push_percent(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    push_ascii(out, b'%');
    push_ascii(out, HEX[(b >> 4) as usize]);
    push_ascii(out, HEX[(b & 15) as usize]);
}

/// Decodes one `application/x-www-form-urlencoded` component (`+` is a space,
/// `%XX` a byte). Returns `None` when the bytes are not UTF-8. A `%` not
/// followed by two hex digits stays as it is, as in the URL Standard.
pub fn form_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    utf8_to_string(&out)
}

/// `bytes` as a `String` when they are well-formed UTF-8 (no overlong
/// forms, surrogates or code points past U+10FFFF), like
/// `String::from_utf8`, whose fast validator is ~0.5 KB more wasm.
fn utf8_to_string(bytes: &[u8]) -> Option<String> {
    // Per sequence length - 1: the lead byte's payload bits and the
    // smallest code point that needs that many bytes.
    const MASK: [u8; 4] = [0x7f, 0x1f, 0x0f, 0x07];
    const MIN: [u32; 4] = [0, 0x80, 0x800, 0x1_0000];
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some((&lead, tail)) = rest.split_first() {
        let extra = match lead {
            0x00..=0x7f => 0,
            0xc0..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf7 => 3,
            _ => return None,
        };
        let (continuation, after) = tail.split_at_checked(extra)?;
        let mut code = u32::from(lead & MASK[extra]);
        for &b in continuation {
            if b & 0xc0 != 0x80 {
                return None;
            }
            code = code << 6 | u32::from(b & 0x3f);
        }
        if code < MIN[extra] {
            return None;
        }
        // char::from_u32 rejects surrogates and values past U+10FFFF.
        out.push(char::from_u32(code)?);
        rest = after;
    }
    Some(out)
}

/// The bytes of `s` with every `%XX` decoded, and `+` as a space when
/// `plus_as_space` (as in form data; path segments keep `+`). A `%` not
/// followed by two hex digits stays as it is, as in the URL Standard.
///
/// For the webhook secret, which is compared as bytes. It is kept apart
/// from [`form_decode`] (and [`utf8_char`] from `utf8_to_string`): sharing
/// them grew the browser build by ~100 B of gzipped wasm.
pub(crate) fn percent_decode(s: &str, plus_as_space: bool) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' if plus_as_space => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    out
}

/// The well-formed UTF-8 character `bytes` starts with and its length in
/// bytes, or `None` (empty input, a stray continuation byte, a truncated,
/// overlong or surrogate sequence, or a code point past U+10FFFF).
pub(crate) fn utf8_char(bytes: &[u8]) -> Option<(char, usize)> {
    // Per sequence length - 1: the lead byte's payload bits and the
    // smallest code point that needs that many bytes.
    const MASK: [u8; 4] = [0x7f, 0x1f, 0x0f, 0x07];
    const MIN: [u32; 4] = [0, 0x80, 0x800, 0x1_0000];
    let (&lead, tail) = bytes.split_first()?;
    let extra = match lead {
        0x00..=0x7f => 0,
        0xc0..=0xdf => 1,
        0xe0..=0xef => 2,
        0xf0..=0xf7 => 3,
        _ => return None,
    };
    let continuation = tail.get(..extra)?;
    let mut code = u32::from(lead & MASK[extra]);
    for &b in continuation {
        if b & 0xc0 != 0x80 {
            return None;
        }
        code = code << 6 | u32::from(b & 0x3f);
    }
    if code < MIN[extra] {
        return None;
    }
    // char::from_u32 rejects surrogates and values past U+10FFFF.
    Some((char::from_u32(code)?, extra + 1))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Appends the decimal form of `n` (no formatting machinery).
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        push_ascii(out, b);
    }
}

/// The index of the first byte of `s` that is in `set` (ASCII bytes only).
///
/// The searches of this crate are all for ASCII delimiters; a byte loop
/// keeps `str`'s generic pattern machinery (~1 KB of wasm) out of the build.
pub(crate) fn find_byte(s: &str, set: &[u8]) -> Option<usize> {
    // Plain loops: `set.contains` would bring in the word-at-a-time `memchr`
    // (~350 B of wasm) for sets of one to four bytes.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let mut j = 0;
        while j < set.len() {
            if bytes[i] == set[j] {
                return Some(i);
            }
            j += 1;
        }
        i += 1;
    }
    None
}

/// `s` split at the first byte in `set`: the part before it and the part
/// after it, or `None` when there is no such byte.
pub(crate) fn split_at_byte<'a>(s: &'a str, set: &[u8]) -> Option<(&'a str, &'a str)> {
    find_byte(s, set).map(|i| (&s[..i], &s[i + 1..]))
}

/// `s` split at every `sep` byte.
pub(crate) fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    ::core::iter::from_fn(move || {
        let r = rest?;
        match split_at_byte(r, &[sep]) {
            Some((part, tail)) => {
                rest = Some(tail);
                Some(part)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The index of the first `://` in `s`: a byte loop, which keeps the
/// general substring searcher (two-way, ~1 KB of wasm) out of the build.
pub(crate) fn find_scheme_sep(s: &str) -> Option<usize> {
    s.as_bytes().windows(3).position(|w| w == b"://")
}

/// `s` without its first byte when that byte is `b` (an ASCII byte, so the
/// rest is still UTF-8). A byte comparison: the generic `strip_prefix(char)`
/// brings the pattern machinery into the wasm.
pub(crate) fn strip_byte(s: &str, b: u8) -> Option<&str> {
    if s.as_bytes().first() == Some(&b) {
        s.get(1..)
    } else {
        None
    }
}

/// Whether `s` starts with the ASCII byte `b` (see [`strip_byte`]).
pub(crate) fn starts_byte(s: &str, b: u8) -> bool {
    s.as_bytes().first() == Some(&b)
}

/// A non-negative decimal integer of ASCII digits only (no sign, no
/// spaces), or `None` (also on overflow). Smaller in wasm than `str::parse`.
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Appends the decimal form of an index.
pub fn push_index(out: &mut String, i: usize) {
    push_u64(out, i as u64);
}

// Character checks on UTF-8 bytes. They give exactly what `char::is_control`,
// `char::is_whitespace` and `chars().count()` give (property-tested below),
// without decoding characters or Unicode tables (~0.5 KB of wasm).

/// Whether `s` has a control character, which may never appear in a URL or
/// value we write: C0 controls, DEL and C1 controls (encoded `C2 80`…`C2 9F`).
/// Browsers strip some of them silently, which is how `java\tscript:` slips
/// through naive checks.
pub(crate) fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| is_control_at(&b[i..]))
}

fn is_control_at(b: &[u8]) -> bool {
    matches!(b, [0x00..=0x1f | 0x7f, ..] | [0xc2, 0x80..=0x9f, ..])
}

/// The length of the `White_Space` character `b` starts with, or 0.
fn space_len(b: &[u8]) -> usize {
    match b {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Whether `s` has a space (any Unicode `White_Space`) or a control character.
pub(crate) fn has_space_or_control(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| space_len(&b[i..]) > 0 || is_control_at(&b[i..]))
}

/// Whether `s` is empty or only spaces (as `s.trim().is_empty()`); for the
/// browser layer's iframe titles.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn is_blank(s: &str) -> bool {
    let mut b = s.as_bytes();
    loop {
        match space_len(b) {
            0 => return b.is_empty(),
            n => b = &b[n..],
        }
    }
}

/// The number of characters of `s` (as `s.chars().count()`).
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xc0 != 0x80).count()
}

/// `s`'s characters one by one, each as a `&str` (as `chars()`, without
/// decoding them): a character starts at every byte that is not `10xxxxxx`.
pub(crate) fn char_strs(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    ::core::iter::from_fn(move || {
        let b = rest.as_bytes();
        let first = *b.first()?;
        let mut len = 1;
        while len < b.len() && b[len] & 0xc0 == 0x80 && first >= 0xc0 {
            len += 1;
        }
        let (c, tail) = rest.split_at(len);
        rest = tail;
        Some(c)
    })
}

/// Whether the one-character string `c` is a control character.
pub(crate) fn is_control_str(c: &str) -> bool {
    is_control_at(c.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_matches_the_url_standard() {
        let cases: &[(&str, &str)] = &[
            ("Steve Irwin", "Steve+Irwin"),
            ("a&b=c#d+e%f", "a%26b%3Dc%23d%2Be%25f"),
            ("*-._~!", "*-._%7E%21"),
            ("李雷", "%E6%9D%8E%E9%9B%B7"),
            ("🎉", "%F0%9F%8E%89"),
        ];
        for (input, want) in cases {
            let mut out = String::new();
            form_encode_into(&mut out, input);
            assert_eq!(&out, want, "{input}");
            assert_eq!(form_decode(&out).as_deref(), Some(*input));
        }
    }

    #[test]
    fn decode_keeps_stray_percent_and_rejects_bad_utf8() {
        assert_eq!(form_decode("100%").as_deref(), Some("100%"));
        assert_eq!(form_decode("%zz%4").as_deref(), Some("%zz%4"));
        assert_eq!(form_decode("%C3"), None);
    }

    proptest::proptest! {
        #[test]
        fn utf8_char_agrees_with_std(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..6)) {
            let want = (1..=bytes.len().min(4))
                .find_map(|n| std::str::from_utf8(&bytes[..n]).ok())
                .and_then(|s| s.chars().next().map(|c| (c, c.len_utf8())));
            proptest::prop_assert_eq!(utf8_char(&bytes), want);
        }

        #[test]
        fn percent_decode_agrees_with_form_decode(text in "[a-zA-Z0-9%+ ]{0,12}") {
            proptest::prop_assert_eq!(
                String::from_utf8(percent_decode(&text, true)).ok(),
                form_decode(&text)
            );
            // In a path, `+` is itself: as a form-encoded `%2B`.
            proptest::prop_assert_eq!(
                percent_decode(&text, false),
                percent_decode(&text.replace('+', "%2B"), true)
            );
        }

        #[test]
        fn utf8_check_agrees_with_std(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..12)) {
            proptest::prop_assert_eq!(
                utf8_to_string(&bytes),
                String::from_utf8(bytes.clone()).ok()
            );
        }

        #[test]
        fn utf8_text_round_trips(text in "\\PC{0,8}") {
            proptest::prop_assert_eq!(utf8_to_string(text.as_bytes()), Some(text));
        }
    }

    proptest::proptest! {
        #[test]
        fn char_checks_agree_with_std(text in "(\\PC|\\pC|\\s|[\t\r\n \u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{7f}-\u{a0}])*") {
            proptest::prop_assert_eq!(has_control(&text), text.chars().any(char::is_control));
            proptest::prop_assert_eq!(
                has_space_or_control(&text),
                text.chars().any(|c| c.is_whitespace() || c.is_control())
            );
            proptest::prop_assert_eq!(is_blank(&text), text.trim().is_empty());
            proptest::prop_assert_eq!(char_count(&text), text.chars().count());
            let chars: Vec<String> = text.chars().map(String::from).collect();
            proptest::prop_assert_eq!(char_strs(&text).collect::<Vec<_>>(), chars.clone());
            for c in &chars {
                proptest::prop_assert_eq!(is_control_str(c), c.chars().all(char::is_control));
            }
        }
    }

    #[test]
    fn every_space_and_control_character_agrees_with_std() {
        for c in (0..0x3100).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(has_control(&s), c.is_control(), "{c:?}");
            assert_eq!(
                has_space_or_control(&s),
                c.is_whitespace() || c.is_control(),
                "{c:?}"
            );
            assert_eq!(is_blank(&s), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn utf8_edge_cases_agree_with_std() {
        let cases: &[&[u8]] = &[
            b"",
            b"a",
            "é".as_bytes(),
            "李".as_bytes(),
            "🎉".as_bytes(),
            b"\xc0\x80",
            b"\xc1\xbf",
            b"\xe0\x80\x80",
            b"\xe0\x9f\xbf",
            b"\xf0\x80\x80\x80",
            b"\xf0\x8f\xbf\xbf",
            b"\xed\xa0\x80",
            b"\xed\xbf\xbf",
            b"\xed\x9f\xbf",
            b"\xf4\x8f\xbf\xbf",
            b"\xf4\x90\x80\x80",
            b"\xf5\x80\x80\x80",
            b"\xf8",
            b"\xff",
            b"\x80",
            b"\xc3",
            b"\xe6\x9d",
            b"\xf0\x9f\x8e",
            b"a\xc3(",
            b"\xe6\x9d\x8ea",
        ];
        for &bytes in cases {
            assert_eq!(
                utf8_to_string(bytes),
                String::from_utf8(bytes.to_vec()).ok(),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn byte_search_and_split() {
        assert_eq!(find_byte("a/b?c", b"?/"), Some(1));
        assert_eq!(find_byte("abc", b"/"), None);
        assert_eq!(split_at_byte("k=v=w", b"="), Some(("k", "v=w")));
        assert_eq!(
            split_byte("a&&b&", b'&').collect::<Vec<_>>(),
            ["a", "", "b", ""]
        );
        assert_eq!(split_byte("", b'&').collect::<Vec<_>>(), [""]);
        assert_eq!(
            split_byte("zoë.李", b'.').collect::<Vec<_>>(),
            ["zoë", "李"]
        );
    }

    #[test]
    fn decimal() {
        for n in [0u64, 7, 10, 443, 65535, u64::MAX] {
            let mut s = String::new();
            push_u64(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
