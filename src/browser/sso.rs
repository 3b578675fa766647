//! The form POST of handbook 10.1, built with DOM APIs (never `innerHTML`).

use super::{document, dom_error};
use crate::core::{Error, SignIn};
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement};

/// Builds (without attaching or submitting) the hidden sign-in form:
/// `method="post"`, `action="https://<platform>/auth"`, `target` `_self` or
/// `_blank` (with `rel="noopener"`), one hidden input per field.
pub fn sign_in_form(request: &SignIn, new_tab: bool) -> Result<HtmlFormElement, Error> {
    let doc = document()?;
    let form: HtmlFormElement = doc
        .create_element("form")
        .map_err(|e| dom_error("createElement", &e))?
        .unchecked_into();
    form.set_method("post");
    form.set_action(request.action());
    form.set_accept_charset("UTF-8");
    form.set_enctype("application/x-www-form-urlencoded");
    if new_tab {
        form.set_target("_blank");
        form.set_attribute("rel", "noopener")
            .map_err(|e| dom_error("setAttribute", &e))?;
    } else {
        form.set_target("_self");
    }
    form.set_hidden(true);
    for (name, value) in request.fields() {
        let input: HtmlInputElement = doc
            .create_element("input")
            .map_err(|e| dom_error("createElement", &e))?
            .unchecked_into();
        input.set_type("hidden");
        input.set_name(name);
        input.set_value(&value);
        form.append_child(&input)
            .map_err(|e| dom_error("appendChild", &e))?;
    }
    Ok(form)
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
