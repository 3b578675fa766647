// The script-tag bundle: `window.VivoMeetings` is the npm package's exports
// plus `ready`, which resolves once the wasm (fetched from beside this
// script; an inlined copy has no src: then the page's URL) is loaded.
// `ready` also waits for the document to be parsed, so a script in <head>
// can embed into a container further down the page.
import init from './load.js';

export * from './api.js';
export { default } from './load.js';

/** Resolves once the wasm is loaded and the document parsed (off a page: never). */
export const ready =
  typeof document === 'undefined'
    ? new Promise(() => {})
    : Promise.all([
        init({ module_or_path: new URL('vivomeetings_embed_bg.wasm', (document.currentScript && document.currentScript.src) || location.href) }),
        new Promise((resolve) => {
          if (document.readyState !== 'loading') resolve();
          else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
        }),
      ]).then(() => undefined);
