//! HTML helpers shared by both origins: escaping, the page frame and the
//! error pages.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Escapes text for use in HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The shared look of every generated page.
const STYLE: &str = "\
*{box-sizing:border-box}
html{height:100%}
body{margin:0}
body.room{height:100%}
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2433;background:#f4f6fa}
header.bar{display:flex;align-items:center;gap:.75rem;padding:.55rem 1rem;background:#1f3a68;color:#fff}
header.bar .brand{font-weight:700;letter-spacing:.02em;white-space:nowrap}
header.bar .who{margin-left:auto;font-size:.85rem;opacity:.9;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.tag{display:inline-block;white-space:nowrap;padding:.05rem .45rem;border-radius:999px;font-size:.72rem;font-weight:600;background:#e1e7f2;color:#1f3a68}
header.bar .tag{background:#ffffff26;color:#fff}
main.page{max-width:46rem;margin:2rem auto;padding:1.5rem 1.75rem;background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002}
main.page h1{margin-top:0;font-size:1.4rem}
a{color:#1f5fbf}
code,output{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
dl.params{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:0;font-size:.85rem}
dl.params dt{font-weight:600;color:#51607a}
dl.params dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.muted{color:#6b778c}
";

/// Builds a complete HTML document.
///
/// `title` is escaped; `body_attrs` (already escaped, may be empty) goes
/// into the `<body>` tag; `extra_style` is appended to the shared CSS;
/// `body` is inserted as is.
pub fn document(title: &str, body_attrs: &str, extra_style: &str, body: &str) -> String {
    let title = escape(title);
    let space = if body_attrs.is_empty() { "" } else { " " };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <style>\n{STYLE}{extra_style}</style>\n</head>\n<body{space}{body_attrs}>\n{body}\n</body>\n</html>\n"
    )
}

/// The top bar of platform pages: brand, stand-in tag and sign-in state.
pub fn platform_bar(signed_in: &str) -> String {
    format!(
        "<header class=\"bar\"><span class=\"brand\">VivoMeetings</span>\
         <span class=\"tag\">local stand-in</span>\
         <span class=\"who\">Signed in: <output id=\"signed-in\">{}</output></span></header>",
        escape(signed_in)
    )
}

/// An HTML response with the given status.
pub fn response(status: StatusCode, document: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        document,
    )
        .into_response()
}

/// A simple error page: `<h1 id="{id}">{heading}</h1>` and a detail line
/// `<p id="error-detail">`.
pub fn error_page(status: StatusCode, id: &str, heading: &str, detail: &str) -> Response {
    let body = format!(
        "<main class=\"page\"><h1 id=\"{}\">{}</h1>\n<p id=\"error-detail\">{}</p>\n\
         <p class=\"muted\">HTTP {} · VivoMeetings local stand-in</p></main>",
        escape(id),
        escape(heading),
        escape(detail),
        status.as_u16()
    );
    response(status, document(heading, "", "", &body))
}

/// The 404 page.
pub fn not_found(path: &str) -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "not-found",
        "Page not found",
        &format!("Nothing is served at {path}"),
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
