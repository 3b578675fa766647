// Runs at the end of the element pages' body, before the (deferred) module
// that defines the elements: puts the stand-in's origin (from /config.js)
// into the markup's domain="__PLATFORM__" attributes.
document.querySelectorAll('[domain="__PLATFORM__"]').forEach(function (el) {
  el.setAttribute('domain', window.VIVO_PLATFORM);
});
