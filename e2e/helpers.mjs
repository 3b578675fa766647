// Shared set-up of the end-to-end tests: the stand-in's origins, headless
// Debian Chromium (chromium.mjs) with a test file's launch/close hooks
// (useBrowser), and a console watcher that fails a test on any console
// error or uncaught page error (in any frame or tab).
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { register } from 'node:module';
import { launch } from './chromium.mjs';

export { CHROMIUM, CHROMIUM_ARGS, launch } from './chromium.mjs';

export const PLATFORM = process.env.VIVO_PLATFORM;
export const APP = process.env.VIVO_APP;
if (!PLATFORM || !APP) {
  throw new Error(
    'VIVO_PLATFORM and VIVO_APP are not set. Run the e2e tests through the stand-in:\n' +
      '  scripts/with-standin.sh node --test e2e/',
  );
}

/**
 * A fresh browser context with a console watcher.
 *
 * Every console error and uncaught exception of every page and frame in the
 * context is recorded. `finish({ expected })` closes the context and asserts
 * that the recorded errors are exactly the expected ones: each entry of
 * `expected` is `{ text: RegExp, url?: string }` and must match exactly one
 * recorded error (a console error's own location URL, when `url` is given),
 * or `times: [min, max]` of them.
 */
export async function openSession(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const errors = [];
  context.on('console', (msg) => {
    if (msg.type() === 'error') {
      errors.push({ kind: 'console', text: msg.text(), url: msg.location().url, page: msg.page()?.url() });
    }
  });
  context.on('weberror', (webError) => {
    const error = webError.error();
    errors.push({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: webError.page()?.url() });
  });
  const page = await context.newPage();
  let closed = false;
  return {
    context,
    page,
    errors,
    /** Closes the context; asserts no console errors but the expected ones. */
    async finish({ expected = [] } = {}) {
      if (!closed) {
        closed = true;
        await context.close();
      }
      let left = [...errors];
      for (const want of expected) {
        const matches = (e) => want.text.test(e.text) && (want.url === undefined || e.url === want.url);
        const count = left.filter(matches).length;
        const [min, max] = want.times ?? [1, 1];
        assert.ok(
          count >= min && count <= max,
          `expected console error ${want.text} (${want.url ?? 'any url'}) ${min}..${max} times, got ${count}: ${JSON.stringify(errors, null, 1)}`,
        );
        left = left.filter((e) => !matches(e));
      }
      assert.deepEqual(left, [], `the browser console logged errors (all: ${JSON.stringify(errors)})`);
    },
    /** Closes the context without checks (for cleanup after a failure). */
    async close() {
      if (!closed) {
        closed = true;
        await context.close().catch(() => {});
      }
    },
  };
}

/**
 * Registers a test file's browser hooks: launches Chromium (with `extraArgs`)
 * before the file's tests, closes it after them, and after each test closes
 * (without checks) the session the test left in `session`.
 *
 * Returns `{ browser, session, open }`: `open(contextOptions)` opens a
 * session with `openSession`, stores it in `session` and returns it. A
 * file's own `before` hooks registered earlier run before the launch.
 */
export function useBrowser(extraArgs = []) {
  const ctx = {
    browser: undefined,
    session: undefined,
    async open(contextOptions = {}) {
      ctx.session = await openSession(ctx.browser, contextOptions);
      return ctx.session;
    },
  };
  before(async () => {
    ctx.browser = await launch(extraArgs);
  });
  after(async () => {
    await ctx.browser?.close();
  });
  afterEach(async () => {
    await ctx.session?.close();
    ctx.session = undefined;
  });
  return ctx;
}

/** The console error Chromium logs for a page answered with an HTTP error. */
export function httpError(status, url, times) {
  return { text: new RegExp(`status of ${status}\\b`), url, times };
}

/** A unique marker for this run, to find our own entries in shared logs. */
export function marker(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The stand-in's `/auth` request log. */
export async function authLog() {
  const response = await fetch(`${PLATFORM}/__standin/auth-log`);
  assert.equal(response.status, 200);
  return response.json();
}

/**
 * Makes `import 'vivomeetings-embed/server'` (and the other entries) resolve
 * to pkg/, as they would in a partner's project, for the examples this
 * process imports. Registered once per process.
 */
let packageResolved = false;
export function resolvePackageToPkg() {
  if (packageResolved) return;
  packageResolved = true;
  const pkg = new URL('../pkg/', import.meta.url).href;
  const entries = { 'vivomeetings-embed': 'node.js', 'vivomeetings-embed/server': 'server.js', 'vivomeetings-embed/element': 'element.js' };
  register(
    'data:text/javascript,' +
      encodeURIComponent(
        `const entries = ${JSON.stringify(entries)};
export async function resolve(s, c, next) {
  return Object.hasOwn(entries, s) ? { url: ${JSON.stringify(pkg)} + entries[s], shortCircuit: true } : next(s, c);
}`,
      ),
  );
}

/**
 * Counts the 'message' listeners on window: an init script (give it to
 * `page.addInitScript`), so it runs before any page script; the page then
 * has `window.messageListeners()`.
 */
export function countWindowMessageListeners() {
  const live = new Map();
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const capture = (options) => (typeof options === 'boolean' ? options : Boolean(options && options.capture));
  proto.addEventListener = function (type, listener, options) {
    if (this === window && type === 'message' && listener) {
      const set = live.get(listener) ?? new Set();
      set.add(capture(options));
      live.set(listener, set);
    }
    return add.call(this, type, listener, options);
  };
  proto.removeEventListener = function (type, listener, options) {
    if (this === window && type === 'message' && listener) {
      const set = live.get(listener);
      set?.delete(capture(options));
      if (set && set.size === 0) live.delete(listener);
    }
    return remove.call(this, type, listener, options);
  };
  window.messageListeners = () => [...live.values()].reduce((n, set) => n + set.size, 0);
}
