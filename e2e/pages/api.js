// The JS-API lab of e2e/api.test.mjs: the npm package's ES module in a real
// page and a small harness (window.T) for the table rows. The test installs
// a counter of window 'message' listeners (window.messageListeners) with an
// init script, before this module runs.
import init, * as lib from '/pkg/index.js';

const wasm = await init();
const P = window.VIVO_PLATFORM;

/** What a thrown value is, as plain data. */
function thrown(e) {
  return {
    isError: e instanceof Error,
    vme: e instanceof lib.VivoMeetingsError,
    name: e?.name,
    code: e?.code,
    field: e?.field,
    message: String(e?.message ?? e),
  };
}

const T = {
  lib,
  P,
  vivo: new lib.VivoMeetings({ domain: P }),
  /** `{ value }` or `{ error }` of calling `fn`. */
  attempt(fn) {
    try {
      const value = fn();
      return { value: value === undefined ? '(undefined)' : value };
    } catch (e) {
      return { error: thrown(e) };
    }
  },
  /** What is left in the page: iframes, forms, window message listeners. */
  counts: () => ({
    iframes: document.querySelectorAll('iframe').length,
    forms: document.forms.length,
    listeners: window.messageListeners(),
  }),
  /** Calls `fn` and tells whether it left anything behind (iframes, forms, listeners, submits). */
  failed(fn) {
    const before = T.counts();
    const submits = T.captureForms(() => T.attempt(fn));
    const after = T.counts();
    return { ...submits.result, left: { before, after }, submitted: submits.posted.length };
  },
  /** Runs `fn` with HTMLFormElement#submit captured (nothing is sent): the forms it would have submitted. */
  captureForms(fn) {
    const proto = HTMLFormElement.prototype;
    const submit = proto.submit;
    const posted = [];
    proto.submit = function () {
      posted.push({
        method: this.getAttribute('method'),
        methodProperty: this.method,
        action: this.getAttribute('action'),
        actionProperty: this.action,
        enctype: this.getAttribute('enctype'),
        target: this.getAttribute('target'),
        rel: this.getAttribute('rel'),
        hidden: this.hidden,
        connected: this.isConnected,
        nodes: [...this.childNodes].map((n) =>
          n.nodeType === 1 ? [n.tagName, n.getAttribute('type'), n.type, n.name, n.value, n.childNodes.length] : [n.nodeName],
        ),
        markup: /<b>|<\/b>/.test(this.innerHTML),
      });
    };
    try {
      const result = fn();
      return { result, posted, formsLeft: document.forms.length };
    } finally {
      proto.submit = submit;
    }
  },
  /** A promise of the iframe's next `load` event. */
  nextLoad: (iframe) => new Promise((resolve) => iframe.addEventListener('load', () => resolve(true), { once: true })),
  /** Points `iframe` at the stand-in's poster page on `origin`: it posts `messages` to this page. */
  post(iframe, messages, delay = 0, origin = P) {
    iframe.src = `${origin}/__standin/post?messages=${encodeURIComponent(JSON.stringify(messages))}&delay=${delay}`;
  },
  /** Tracks a promise's state. */
  track(promise) {
    const s = { state: 'pending', value: undefined, settled: 0 };
    promise.then(
      (v) => Object.assign(s, { state: 'fulfilled', value: v, settled: s.settled + 1 }),
      (e) => Object.assign(s, { state: 'rejected', value: String(e), settled: s.settled + 1 }),
    );
    return s;
  },
  /** Bytes of wasm linear memory. */
  memory: () => wasm.memory.buffer.byteLength,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  async until(cond, ms = 8000) {
    const end = performance.now() + ms;
    while (!cond()) {
      if (performance.now() > end) throw new Error(`timed out waiting for ${cond}`);
      await T.sleep(10);
    }
  },
  /** A leave as the meeting room posts it, and another message type. */
  leave: (reason) => ({ type: 'vivomeetingsLeaveCallEvent', reason }),
  JOINED: { type: 'vivomeetingsParticipantJoinedEvent', participant: 'Ann' },
  /** A callback that records its calls in `.calls`. */
  recorder() {
    const f = (e) => f.calls.push(e);
    f.calls = [];
    return f;
  },
  /** What the page reported as uncaught errors (reportError included). */
  reported: [],
};
window.addEventListener('error', (e) => T.reported.push(e.message));
window.T = T;
document.getElementById('status').textContent = 'ready';
