//! The platform's origin: parsed from a partner's `domain` setting.

use super::encode::{
    find_byte, find_scheme_sep, has_space_or_control, parse_u64, push_ascii, push_u64, split_byte,
    starts_byte, strip_byte,
};
use super::error::{Error, ErrorCode, Result};

/// A validated VivoMeetings platform origin, such as `https://acme.vivomeetings.com`.
///
/// The origin is serialised exactly as browsers serialise `MessageEvent.origin`
/// (lower-case host, default port left out), so it can be compared byte for
/// byte with the origin of an incoming message.
///
/// ```
/// use vivomeetings_embed::core::Platform;
/// assert_eq!(Platform::parse("acme.vivomeetings.com")?.origin(), "https://acme.vivomeetings.com");
/// assert_eq!(Platform::parse("HTTPS://Acme.VivoMeetings.com:443/")?.origin(), "https://acme.vivomeetings.com");
/// assert_eq!(Platform::parse("http://localhost:8081")?.origin(), "http://localhost:8081");
/// assert_eq!(Platform::parse("http://acme.vivomeetings.com").unwrap_err().code().as_str(), "insecure_domain");
/// # Ok::<(), vivomeetings_embed::core::Error>(())
/// ```
///
/// With the `serde` feature it is its origin string, deserialized through
/// [`Platform::parse`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "String", into = "String")
)]
pub struct Platform {
    origin: String,
    /// Length of `scheme://`.
    host_start: usize,
}

impl TryFrom<String> for Platform {
    type Error = Error;

    /// [`Platform::parse`].
    fn try_from(domain: String) -> Result<Platform> {
        Platform::parse(&domain)
    }
}

impl From<Platform> for String {
    /// The origin.
    fn from(platform: Platform) -> String {
        platform.origin
    }
}

/// The field name used in errors about the domain.
const FIELD: &str = "domain";

impl Platform {
    /// Parses `acme.vivomeetings.com`, `https://acme.vivomeetings.com` or the
    /// same with a trailing `/`.
    ///
    /// Errors: `invalid_domain` for another scheme, a path, query, fragment,
    /// userinfo, or a host that is not a plain ASCII host name (use the
    /// punycode `xn--` form of internationalised names), an IPv4 address or
    /// `[::1]`; `insecure_domain` for `http:` on a host that is not loopback
    /// (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`).
    pub fn parse(domain: &str) -> Result<Platform> {
        let bad = |detail: &str| Error::with_value(ErrorCode::InvalidDomain, FIELD, detail, domain);
        if domain.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidDomain,
                FIELD,
                "must not be empty",
            ));
        }
        if has_space_or_control(domain) {
            return Err(bad("must not contain spaces or control characters"));
        }
        let (secure, rest) = match find_scheme_sep(domain) {
            Some(i) => {
                let scheme = &domain[..i];
                if scheme.eq_ignore_ascii_case("https") {
                    (true, &domain[i + 3..])
                } else if scheme.eq_ignore_ascii_case("http") {
                    (false, &domain[i + 3..])
                } else {
                    return Err(bad("must use https:// (http:// on loopback)"));
                }
            }
            None => (true, domain),
        };
        let end = find_byte(rest, b"/?#\\").unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if !tail.is_empty() && tail != "/" {
            return Err(bad("must be an origin: no path, query or fragment"));
        }
        let authority = Authority::parse(authority).map_err(&bad)?;
        if authority.port == Some(0) {
            return Err(bad("has port 0"));
        }
        if !secure && !authority.loopback {
            return Err(Error::with_value(
                ErrorCode::InsecureDomain,
                FIELD,
                "must use https:// (http:// only on localhost, 127.0.0.1, [::1])",
                domain,
            ));
        }
        Ok(Platform {
            origin: authority.origin(secure),
            host_start: if secure { "https://" } else { "http://" }.len(),
        })
    }

    /// The origin, e.g. `https://acme.vivomeetings.com` (no trailing slash).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the origin uses `https:`.
    pub fn is_secure(&self) -> bool {
        self.host_start == "https://".len()
    }

    /// The host and port part, e.g. `acme.vivomeetings.com` or `localhost:8081`.
    pub fn host(&self) -> &str {
        &self.origin[self.host_start..]
    }

    /// `origin + path`; `path` must start with `/`.
    pub(crate) fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.origin.len() + path.len());
        url.push_str(&self.origin);
        url.push_str(path);
        url
    }
}

/// A parsed `host[:port]`, normalised the way browsers serialise origins.
pub(crate) struct Authority {
    /// Lower-case host.
    pub host: String,
    /// Explicit port, if any.
    pub port: Option<u16>,
    /// Whether the host is a loopback host.
    pub loopback: bool,
}

impl Authority {
    /// The origin the way browsers serialise it: `scheme://host[:port]`,
    /// the port left out when it is the scheme's default. The one origin
    /// serializer of the crate: [`Platform`] and the redirect checks use it.
    pub(crate) fn origin(&self, secure: bool) -> String {
        let scheme = if secure { "https://" } else { "http://" };
        let mut origin = String::with_capacity(scheme.len() + self.host.len() + 6);
        origin.push_str(scheme);
        origin.push_str(&self.host);
        let default_port = if secure { 443 } else { 80 };
        if let Some(port) = self.port.filter(|&p| p != default_port) {
            push_ascii(&mut origin, b':');
            push_u64(&mut origin, u64::from(port));
        }
        origin
    }

    /// Parses an authority without userinfo. The error is a short detail text.
    pub(crate) fn parse(authority: &str) -> ::core::result::Result<Authority, &'static str> {
        if find_byte(authority, b"@").is_some() {
            return Err("must not contain user info (…@)");
        }
        let (host, port) = if let Some(v6) = strip_byte(authority, b'[') {
            let close = find_byte(v6, b"]").ok_or("has an unclosed '['")?;
            let (addr, after) = v6.split_at(close);
            if addr != "::1" {
                return Err("has an IPv6 host other than [::1]");
            }
            (&authority[..close + 2], &after[1..])
        } else {
            match find_byte(authority, b":") {
                Some(i) => authority.split_at(i),
                None => (authority, ""),
            }
        };
        let port = match port {
            "" => None,
            p => Some(parse_port(
                strip_byte(p, b':').ok_or("has junk after the host")?,
            )?),
        };
        let host = host.to_ascii_lowercase();
        let loopback = if starts_byte(&host, b'[') {
            true
        } else {
            check_host_name(&host)?
        };
        Ok(Authority {
            host,
            port,
            loopback,
        })
    }
}

fn parse_port(p: &str) -> ::core::result::Result<u16, &'static str> {
    // At most 5 digits (`08443` is 8443, as browsers read it); `parse_u64`
    // refuses an empty port, signs and anything else that is not a digit.
    let n = parse_u64(p).filter(|_| p.len() <= 5);
    n.and_then(|n| u16::try_from(n).ok())
        .ok_or("has a port outside 0 to 65535")
}

/// Checks a lower-cased host name or IPv4 address; returns whether it is loopback.
fn check_host_name(host: &str) -> ::core::result::Result<bool, &'static str> {
    const NOT_IPV4: &str = "has a numeric host that is not dotted-quad IPv4";
    if host.is_empty() {
        return Err("has no host");
    }
    if !host.is_ascii() {
        return Err("must be ASCII (use the xn-- form)");
    }
    if host.len() > 253 {
        return Err("has a host over 253 characters");
    }
    // The URL Standard reads a host whose last label is numeric as IPv4, so
    // such a host must be a canonical dotted quad or it would change meaning.
    let last_dot = host.bytes().rposition(|b| b == b'.');
    let last = last_dot.map_or(host, |i| &host[i + 1..]).as_bytes();
    let numeric =
        !last.is_empty() && (last.iter().all(u8::is_ascii_digit) || last.starts_with(b"0x"));
    // One pass over the labels, checked as IPv4 parts or as name labels.
    let mut count = 0;
    for label in split_byte(host, b'.') {
        count += 1;
        if numeric && !is_ipv4_part(label) {
            return Err(NOT_IPV4);
        }
        if !numeric && !is_name_label(label) {
            return Err("is not a valid host name");
        }
    }
    if numeric {
        return if count == 4 {
            Ok(host.starts_with("127."))
        } else {
            Err(NOT_IPV4)
        };
    }
    Ok(host == "localhost" || host.ends_with(".localhost"))
}

/// One part of a canonical dotted-quad IPv4 address: 0 to 255 in 1 to 3
/// digits, without a leading zero.
fn is_ipv4_part(label: &str) -> bool {
    (1..=3).contains(&label.len())
        && (label.len() == 1 || !starts_byte(label, b'0'))
        && parse_u64(label).is_some_and(|n| n <= 255)
}

/// One label of a host name: 1 to 63 of `[a-z0-9_-]` (the host is
/// lower-cased), not starting or ending with `-`.
fn is_name_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !starts_byte(label, b'-')
        && label.as_bytes().last() != Some(&b'-')
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, expected origin or error code)
    const CASES: &[(&str, &str)] = &[
        ("acme.vivomeetings.com", "https://acme.vivomeetings.com"),
        (
            "https://acme.vivomeetings.com",
            "https://acme.vivomeetings.com",
        ),
        (
            "https://acme.vivomeetings.com/",
            "https://acme.vivomeetings.com",
        ),
        (
            "HTTPS://ACME.VivoMeetings.COM",
            "https://acme.vivomeetings.com",
        ),
        (
            "https://acme.vivomeetings.com:443",
            "https://acme.vivomeetings.com",
        ),
        (
            "https://acme.vivomeetings.com:8443",
            "https://acme.vivomeetings.com:8443",
        ),
        (
            "https://acme.vivomeetings.com:08443",
            "https://acme.vivomeetings.com:8443",
        ),
        ("company.reseller.tld", "https://company.reseller.tld"),
        ("xn--bcher-kva.example", "https://xn--bcher-kva.example"),
        ("http://localhost:8081", "http://localhost:8081"),
        ("http://localhost:80", "http://localhost"),
        ("http://app.localhost", "http://app.localhost"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000"),
        ("http://127.1.2.3", "http://127.1.2.3"),
        ("http://[::1]:8081", "http://[::1]:8081"),
        ("localhost:8081", "https://localhost:8081"),
        ("10.0.0.1", "https://10.0.0.1"),
        ("", "invalid_domain"),
        (" acme.vivomeetings.com", "invalid_domain"),
        ("acme.vivomeetings.com\n", "invalid_domain"),
        ("ftp://acme.vivomeetings.com", "invalid_domain"),
        ("javascript://acme.vivomeetings.com", "invalid_domain"),
        ("https://acme.vivomeetings.com/conf", "invalid_domain"),
        ("https://acme.vivomeetings.com?x=1", "invalid_domain"),
        ("https://acme.vivomeetings.com#x", "invalid_domain"),
        ("https://acme.vivomeetings.com\\evil.io", "invalid_domain"),
        ("https://user:pw@acme.vivomeetings.com", "invalid_domain"),
        ("https://evil.io@acme.vivomeetings.com", "invalid_domain"),
        ("https://", "invalid_domain"),
        ("https://:443", "invalid_domain"),
        ("https://acme..com", "invalid_domain"),
        ("https://acme.com.", "invalid_domain"),
        ("https://-acme.com", "invalid_domain"),
        ("https://bücher.example", "invalid_domain"),
        (
            "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example",
            "invalid_domain",
        ),
        ("https://acme.com:0", "invalid_domain"),
        ("https://acme.com:65536", "invalid_domain"),
        ("https://acme.com:+1", "invalid_domain"),
        ("https://acme.com:", "invalid_domain"),
        ("https://1.2.3", "invalid_domain"),
        ("https://0x7f.1", "invalid_domain"),
        ("https://127.000.0.1", "invalid_domain"),
        ("https://256.1.1.1", "invalid_domain"),
        ("https://[::2]", "invalid_domain"),
        ("https://[::1", "invalid_domain"),
        ("https://[::1]x", "invalid_domain"),
        ("https://acme%2ecom", "invalid_domain"),
        ("http://acme.vivomeetings.com", "insecure_domain"),
        ("http://10.0.0.1", "insecure_domain"),
        ("http://localhost.evil.io", "insecure_domain"),
        // Edges of the port and host checks.
        ("https://acme.com:00443", "https://acme.com"),
        ("https://acme.com:65535", "https://acme.com:65535"),
        ("https://acme.com:000001", "invalid_domain"),
        ("https://acme.com:99999", "invalid_domain"),
        ("https://acme.com:1a", "invalid_domain"),
        ("https://acme.com:1:2", "invalid_domain"),
        ("https://0.0.0.0", "https://0.0.0.0"),
        ("https://255.255.255.255", "https://255.255.255.255"),
        ("https://1.2.3.4.5", "invalid_domain"),
        ("https://01.2.3.4", "invalid_domain"),
        ("https://1..3.4", "invalid_domain"),
        ("https://1.2.3.4.", "invalid_domain"),
        ("https://1.2.3.1000", "invalid_domain"),
        ("https://acme.1", "invalid_domain"),
        ("https://acme.0x1", "invalid_domain"),
        ("https://1.2.3.acme", "https://1.2.3.acme"),
        ("https://0xacme.com", "https://0xacme.com"),
        ("https://a_b.example", "https://a_b.example"),
        ("https://a-.example", "invalid_domain"),
        ("https://a.-b.example", "invalid_domain"),
        ("https://a+b.example", "invalid_domain"),
        ("http://LOCALHOST", "http://localhost"),
        ("http://127.0.0.1.localhost", "http://127.0.0.1.localhost"),
        ("http://128.0.0.1", "insecure_domain"),
    ];

    #[test]
    fn domains() {
        for &(input, want) in CASES {
            let got = match Platform::parse(input) {
                Ok(p) => p.origin().to_owned(),
                Err(e) => {
                    assert_eq!(e.field(), Some("domain"), "{input}");
                    e.code().as_str().to_owned()
                }
            };
            assert_eq!(got, want, "input {input:?}");
        }
    }

    /// Every accepted origin is what the URL Standard itself serialises.
    #[test]
    fn origins_agree_with_the_url_standard() {
        for &(input, want) in CASES {
            if want.contains("://") {
                let url = url::Url::parse(want).unwrap();
                assert_eq!(url.origin().ascii_serialization(), want, "input {input:?}");
            }
        }
    }

    #[test]
    fn host_and_scheme() {
        let p = Platform::parse("http://localhost:8081").unwrap();
        assert_eq!(p.host(), "localhost:8081");
        assert!(!p.is_secure());
        assert!(Platform::parse("acme.vivomeetings.com")
            .unwrap()
            .is_secure());
    }
}
