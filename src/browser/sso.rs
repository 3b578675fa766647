//! The form POST of handbook 10.1, built with DOM APIs (never `innerHTML`).

use super::{append_new, document, dom_error, element, set_attribute};
use crate::core::{Error, SignIn};
use wasm_bindgen::JsCast;
use web_sys::HtmlFormElement;

/// Builds (without attaching or submitting) the hidden sign-in form:
/// `method="post"`, `action="https://<platform>/auth"`, `target` `_self` or
/// `_blank` (with `rel="noopener"`), one hidden input per field.
pub fn sign_in_form(request: &SignIn, new_tab: bool) -> Result<HtmlFormElement, Error> {
    let target = if new_tab { "_blank" } else { "_self" };
    let form = element(
        "form",
        &[
            ("method", "post"),
            ("action", request.action()),
            ("accept-charset", "UTF-8"),
            ("enctype", "application/x-www-form-urlencoded"),
            ("target", target),
            ("hidden", ""),
        ],
    )?;
    if new_tab {
        set_attribute(&form, "rel", "noopener");
    }
    for (name, value) in request.fields() {
        append_new(
            &form,
            &element(
                "input",
                &[("type", "hidden"), ("name", name), ("value", &value)],
            )?,
        );
    }
    Ok(form.unchecked_into())
}

/// Builds the form, submits it and removes it again.
pub fn submit_sign_in(request: &SignIn, new_tab: bool) -> Result<(), Error> {
    let form = sign_in_form(request, new_tab)?;
    let body = document()?.body().ok_or_else(|| {
        Error::new(
            crate::core::ErrorCode::DomError,
            "",
            "the page has no <body>",
        )
    })?;
    body.append_child(&form)
        .map_err(|e| dom_error("appendChild", &e))?;
    let submitted = form.submit();
    form.remove();
    submitted.map_err(|e| dom_error("form.submit", &e))
}
