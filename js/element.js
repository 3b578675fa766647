// The entry `vivomeetings-embed/element`: <vivo-meeting> and
// <vivo-livestream>, thin custom elements over the library's own embeds
// (VivoMeetings#embedMeeting / embedLivestream build the URL and the iframe
// and make every message check). Importing it defines both unless already
// defined; on a server (no `customElements`) it does nothing. Kept small:
// its own JS is measured separately (goal: at most 1 KB gzip).
import { ready, VivoMeetings } from './index.js';

const BOOL = ['skip-join', 'observer', 'strip-layout'];
const LIVESTREAM = ['domain', 'access-code', 'title'];
const camel = (a) => a.replace(/-./g, (s) => s[1].toUpperCase());
// If the wasm failed to load, the build fails with `not_ready` (an `embederror`).
const loaded = ready.catch(() => {});

function define(tag, url, mount, attrs) {
  if (customElements.get(tag)) return;
  class VivoElement extends HTMLElement {
    static observedAttributes = attrs;
    #embed;
    #key;
    #queued;
    #params;
    #resolve;
    #left = new Promise((resolve) => (this.#resolve = resolve));

    // Connecting and every attribute or `params` change schedule one build
    // per task: changes made in one task are batched.
    connectedCallback() {
      // `display: block` by default, from a constructed sheet adopted by the
      // element's document or shadow root: no inline style (strict-CSP safe);
      // zero specificity, so any rule of the page wins.
      const sheets = this.getRootNode().adoptedStyleSheets;
      if (!sheets.includes(sheet)) sheets.push(sheet);
      this.attributeChangedCallback();
    }
    attributeChangedCallback() {
      this.#queued ||= loaded.then(() => this.#build());
    }
    // moveBefore() keeps the element connected: the iframe and meeting stay.
    connectedMoveCallback() {}
    // Destroys the embed: the iframe and its message listener go.
    disconnectedCallback() {
      this.#embed = this.#embed?.destroy();
    }
    get iframe() {
      return this.#embed?.iframe ?? null;
    }
    get url() {
      return this.#embed?.url ?? null;
    }
    get left() {
      return this.#left;
    }
    get params() {
      return this.#params;
    }
    set params(v) {
      this.#params = v;
      this.attributeChangedCallback();
    }
    #build() {
      this.#queued = 0;
      if (!this.isConnected) return;
      try {
        // The properties' values; `null` (no attribute) counts as not given.
        const { domain, title, ...o } = Object.fromEntries(attrs.map((a) => [(a = camel(a)), this[a] ?? undefined]));
        // The library checks everything: a bad attribute throws here.
        const vivo = new VivoMeetings({ domain });
        const key = `${vivo[url](o)} ${title}`;
        // Same URL and title (React setting an equal `params` object): keep the meeting.
        if (this.#embed && key == this.#key) return;
        this.disconnectedCallback();
        this.#key = key;
        const embed = (this.#embed = vivo[mount](this, {
          ...o,
          title: title || undefined,
          onLeave: (e) => {
            this.#resolve(e);
            this.#emit('leave', e);
          },
          onRejected: (info) => this.#emit('rejected', info),
        }));
        embed.on('message', (m) => this.#emit('meetingmessage', m));
        embed.on('load', () => this.#emit('load'));
      } catch (error) {
        this.disconnectedCallback();
        this.#emit('embederror', { error });
      }
    }
    #emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail }));
    }
  }
  // Properties (camelCase) reflect the attributes; `title` is HTMLElement's own.
  for (const a of attrs) {
    const p = camel(a);
    const bool = BOOL.includes(a);
    if (!(p in VivoElement.prototype)) {
      Object.defineProperty(VivoElement.prototype, p, {
        get() {
          const v = this.getAttribute(a);
          return bool ? v != null : a == 'mute' ? v?.match(/\S+/g) || [] : v;
        },
        set(v) {
          if (bool) this.toggleAttribute(a, !!v);
          else if (v == null) this.removeAttribute(a);
          else this.setAttribute(a, v.join?.(' ') ?? v);
        },
      });
    }
  }
  customElements.define(tag, VivoElement);
}

if (globalThis.customElements) {
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(':where(vivo-meeting:not([hidden]),vivo-livestream:not([hidden])){display:block}');
  define('vivo-meeting', 'meetingUrl', 'embedMeeting', [...LIVESTREAM, 'meeting-url', 'name', 'mute', 'view', 'params', ...BOOL]);
  define('vivo-livestream', 'livestreamUrl', 'embedLivestream', LIVESTREAM);
}
