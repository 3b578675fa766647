// The hostile-input lab (e2e/hostile.test.mjs, issue 10): the package's ES
// module in a real page, a live embed made before any hostile call, and a
// harness (window.H) that runs a table row's function, describes what it
// returned or threw, and checks that the library still works.
//
// The harness keeps its own copies of the built-ins it uses, because rows
// pollute prototypes (they restore them when done).

import * as lib from '/pkg/index.js';

const P = window.VIVO_PLATFORM;
const { VivoMeetings, VivoMeetingsError } = lib;
const KNOWN_CODES = [
  'invalid_domain',
  'insecure_domain',
  'invalid_access_code',
  'invalid_option',
  'param_conflict',
  'container_not_found',
  'invalid_host_id',
  'invalid_token',
  'unsafe_redirect',
  'dom_error',
  'destroyed',
  'not_ready',
];
const { isArray } = Array;
const { keys, entries, getOwnPropertyNames, getOwnPropertyDescriptor, defineProperty } = Object;
const stringify = JSON.stringify;

// Exposed before the wasm is loaded: the not_ready table calls the library now.
window.lib = lib;

/** What a thrown value is, as plain data. */
function info(e) {
  let vme = false;
  try {
    vme = e instanceof VivoMeetingsError;
  } catch {}
  const out = Object.create(null);
  out.vme = vme;
  try {
    out.type = e === null ? 'null' : typeof e;
    out.ctor = e?.constructor?.name;
    out.name = e?.name;
    out.code = e?.code;
    out.field = e?.field;
    out.message = String(e?.message ?? e).slice(0, 300);
    out.own = e && typeof e === 'object' ? getOwnPropertyNames(e).sort() : undefined;
  } catch (err) {
    out.message = `(unreadable: ${err})`;
  }
  return out;
}

/** A short signature of an outcome, for counting outcomes of many calls. */
function signature(outcome) {
  if ('error' in outcome) {
    const e = outcome.error;
    return `${e.vme ? 'VivoMeetingsError' : `NOT VivoMeetingsError (${e.ctor}: ${e.message})`} ${e.code} ${e.field ?? ''}`;
  }
  return `value ${typeof outcome.raw}`;
}

/** A JSON-safe copy of a returned value. */
function plain(v) {
  if (v === undefined) return '(undefined)';
  if (typeof v === 'function') return '(function)';
  try {
    return JSON.parse(stringify(v));
  } catch {
    return String(v);
  }
}

function capture(fn) {
  try {
    const raw = fn();
    return { raw, value: plain(raw) };
  } catch (e) {
    return { error: info(e), thrown: e };
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const H = {
  lib,
  P,
  VivoMeetings,
  VivoMeetingsError,
  KNOWN_CODES,
  /** Leaves heard by the live embed (made before any hostile call). */
  leaves: [],
  /** Free list for rows: anything they record. */
  seen: [],
  sleep,
  info,
  /** Bytes of wasm linear memory. */
  memory: () => H.wasm.memory.buffer.byteLength,
  /** The number of 'message' listeners on window (counted by the test's init script, e2e/helpers.mjs). */
  listeners: () => window.messageListeners(),

  /**
   * Runs `fn` `n` times (with the index). When every call ends the same way
   * (the same error code and field, or a value), ends that way too (the
   * last error is rethrown); otherwise returns the counts of each outcome.
   */
  all(n, fn) {
    const counts = new Map();
    let last;
    for (let i = 0; i < n; i++) {
      last = capture(() => fn(i));
      const sig = signature(last);
      counts.set(sig, (counts.get(sig) ?? 0) + 1);
    }
    if (counts.size === 1) {
      if ('error' in last) throw last.thrown;
      return last.raw;
    }
    return { mixed: Object.fromEntries(counts) };
  },

  /** Runs each of `fns` and returns the signatures of their outcomes, by name. */
  each(fns) {
    const out = Object.create(null);
    for (const [name, fn] of entries(fns)) {
      const o = capture(fn);
      out[name] = 'error' in o ? (o.error.vme ? `${o.error.code}${o.error.field === undefined ? '' : ` ${o.error.field}`}` : `NOT VivoMeetingsError: ${o.error.ctor}: ${o.error.message}`) : o.value;
    }
    return out;
  },

  /** Waits until `cond()` is true (at most `ms`). */
  async until(cond, ms = 5000) {
    const end = performance.now() + ms;
    while (!cond()) {
      if (performance.now() > end) throw new Error(`timed out waiting for ${cond}`);
      await sleep(10);
    }
  },

  /** Sets `props` on `proto` (restorable by the returned function). */
  pollute(proto, props) {
    const saved = [];
    for (const key of Reflect.ownKeys(props)) {
      saved.push([key, getOwnPropertyDescriptor(proto, key)]);
      defineProperty(proto, key, { ...getOwnPropertyDescriptor(props, key), configurable: true });
    }
    return () => {
      for (const [key, desc] of saved.reverse()) {
        if (desc) defineProperty(proto, key, desc);
        else delete proto[key];
      }
    };
  },

  /** An object whose `key` getter throws. */
  throwing(base, key) {
    const o = isArray(base) ? [...base] : { ...base };
    defineProperty(o, key, {
      enumerable: true,
      get() {
        throw new Error(`getter ${key} throws`);
      },
    });
    return o;
  },

  /** A Proxy of `target` whose `trap` throws. */
  trap(target, trap) {
    return new Proxy(target, {
      [trap]() {
        throw new Error(`trap ${trap} throws`);
      },
    });
  },

  /** A revoked Proxy. */
  revoked(target = {}) {
    const { proxy, revoke } = Proxy.revocable(target, {});
    revoke();
    return proxy;
  },

  /** Runs the source of a table row (a function of H and its argument). */
  async runRow(src, arg, health = false) {
    const fn = (0, eval)(`(${src})`);
    let out;
    try {
      const raw = await fn(H, arg);
      out = { value: plain(raw) };
    } catch (e) {
      out = { error: info(e) };
    }
    if (health) out.health = await H.alive();
    return out;
  },

  /** health() and the number of leaves the live embed heard so far. */
  async alive() {
    return { problems: await H.health(), before: H.leaves.length };
  },

  /**
   * Proof that the library works: every function returns what it returned
   * before any hostile call, errors are still VivoMeetingsErrors, embeds
   * mount and unmount, no listener or iframe is left behind, init() gives
   * the same exports and wasm memory is at most 1 MiB. Returns the problems.
   */
  async health() {
    const problems = [];
    const got = H.snapshot();
    for (const [k, v] of entries(H.baseline)) {
      if (stringify(got[k]) !== stringify(v)) problems.push(`${k}: ${stringify(got[k])} (before: ${stringify(v)})`);
    }
    for (const k of keys(got)) if (!(k in H.baseline)) problems.push(`${k}: new ${stringify(got[k])}`);
    if ((await lib.default()) !== H.wasm) problems.push('init() returned other exports');
    if (H.listeners() !== 1) problems.push(`${H.listeners()} message listeners on window (expected 1: the live embed)`);
    const frames = document.querySelectorAll('iframe');
    if (frames.length !== 1 || frames[0] !== H.live.iframe) problems.push(`${frames.length} iframes in the page (expected the live one)`);
    if (H.memory() > 1 << 20) problems.push(`wasm memory is ${H.memory()} bytes`);
    return problems;
  },

  /** Everything the library returns for ordinary inputs, as plain data. */
  snapshot() {
    const vivo = H.vivo;
    const room = { accessCode: '123456', name: 'Ann Lee', skipJoin: true, mute: ['mic', 'camera'], view: 'gallery', params: { lang: 'fr' } };
    const signIn = { hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectTo: { accessCode: '1234567', skipJoin: true }, afterCallUrl: 'https://partner.example/done', afterCallHosts: ['partner.example'] };
    const fresh = () => new VivoMeetings({ domain: P });
    const embed = (how) => () => {
      const div = document.createElement('div');
      const m = how(fresh(), div);
      const out = [m instanceof lib.Embed, m.url, m.iframe.getAttribute('title'), div.childElementCount, H.listeners()];
      m.destroy();
      out.push(m.iframe.isConnected, div.childElementCount, H.listeners());
      return out;
    };
    return H.each({
      origin: () => fresh().origin,
      meetingUrl: () => vivo.meetingUrl(room),
      freeMeetingUrl: () => lib.meetingUrl({ domain: P, ...room }),
      meetingUrlFromUrl: () => vivo.meetingUrl({ meetingUrl: `${P}/conf/call/777?lang=de`, name: 'Bo' }),
      livestreamUrl: () => vivo.livestreamUrl({ accessCode: 42 }),
      freeLivestreamUrl: () => lib.livestreamUrl({ domain: P, accessCode: '42' }),
      pageUrl: () => vivo.pageUrl('/conf/calls/upcoming'),
      freePageUrl: () => lib.pageUrl({ domain: P, path: '/conf/calls/upcoming' }),
      signInUrl: () => vivo.signInUrl(signIn),
      freeSignInUrl: () => lib.signInUrl({ domain: P, ...signIn }),
      embedMeeting: embed((v, div) => v.embedMeeting(div, { accessCode: '99', title: 'Room' })),
      embedLivestream: embed((v, div) => v.embedLivestream(div, { accessCode: '99' })),
      embedSignIn: embed((v, div) => v.embedSignIn(div, { hostId: '9', loginTokenPublicKey: 'demo-token-9', redirectUrl: '/conf/calls/upcoming' })),
      badView: () => vivo.meetingUrl({ accessCode: '1', view: 'grid' }),
      badCode: () => vivo.meetingUrl({ accessCode: 'a b' }),
      badDomain: () => new VivoMeetings({ domain: 'ftp://x.example' }),
      insecure: () => new VivoMeetings({ domain: 'http://example.com' }),
      conflict: () => vivo.meetingUrl({ accessCode: '1', params: { Skip_Join: 1 } }),
      redirect: () => vivo.signInUrl({ hostId: 8, loginTokenPublicKey: 't', redirectUrl: '//evil.example/' }),
      notFound: () => vivo.embedMeeting('#nothing-here', { accessCode: '1' }),
      freedIsDestroyed: () => {
        const v = fresh();
        v.free();
        return v.meetingUrl({ accessCode: '1' });
      },
    });
  },
};
window.H = H;

/** A detached div of this document. */
H.div = () => document.createElement('div');

/**
 * Every public function taking an options object, by name, with options
 * that make it succeed (`H.base`). Embeds go into a detached div and are
 * destroyed at once; `signIn` is captured by H.form.
 */
H.fns = {
  'new VivoMeetings': (o) => new VivoMeetings(o).origin,
  'vivo.meetingUrl': (o) => H.vivo.meetingUrl(o),
  meetingUrl: (o) => lib.meetingUrl(o),
  'vivo.livestreamUrl': (o) => H.vivo.livestreamUrl(o),
  livestreamUrl: (o) => lib.livestreamUrl(o),
  pageUrl: (o) => lib.pageUrl(o),
  'vivo.signInUrl': (o) => H.vivo.signInUrl(o),
  signInUrl: (o) => lib.signInUrl(o),
  'vivo.signIn': (o) => H.form(() => H.vivo.signIn(o)),
  'vivo.embedMeeting': (o) => H.embedOnce((div) => H.vivo.embedMeeting(div, o)),
  'vivo.embedLivestream': (o) => H.embedOnce((div) => H.vivo.embedLivestream(div, o)),
  'vivo.embedSignIn': (o) => H.embedOnce((div) => H.vivo.embedSignIn(div, o)),
};
H.base = (fn) => {
  const signIn = { hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectUrl: '/conf/calls/upcoming' };
  return {
    'new VivoMeetings': { domain: P },
    'vivo.meetingUrl': { accessCode: '1' },
    meetingUrl: { domain: P, accessCode: '1' },
    'vivo.livestreamUrl': { accessCode: '1' },
    livestreamUrl: { domain: P, accessCode: '1' },
    pageUrl: { domain: P, path: '/conf/calls/upcoming' },
    'vivo.signInUrl': signIn,
    signInUrl: { domain: P, ...signIn },
    'vivo.signIn': signIn,
    'vivo.embedMeeting': { accessCode: '1' },
    'vivo.embedLivestream': { accessCode: '1' },
    'vivo.embedSignIn': signIn,
  }[fn];
};

/** Embeds with `how` into a detached div; returns the URL after destroying it. */
H.embedOnce = (how) => {
  const m = how(H.div());
  m.destroy();
  return m.url;
};

/** Runs `fn` with form submission captured: returns what would have been posted. */
H.form = (fn) => {
  const posted = [];
  const restore = H.pollute(HTMLFormElement.prototype, {
    submit() {
      posted.push({
        action: this.action,
        method: this.method,
        target: this.target,
        rel: this.rel,
        enctype: this.enctype,
        connected: this.isConnected,
        fields: [...this.elements].map((el) => [el.name, el.value, el.type]),
      });
    },
  });
  try {
    const r = fn();
    return { returned: plain(r), posted, formsLeft: document.forms.length };
  } finally {
    restore();
  }
};

/** Calls every method and getter of VivoMeetings with `self` as `this` (valid arguments). */
H.vivoCalls = (self) => {
  const proto = VivoMeetings.prototype;
  const div = H.div();
  return {
    origin: () => getOwnPropertyDescriptor(proto, 'origin').get.call(self),
    meetingUrl: () => proto.meetingUrl.call(self, { accessCode: '1' }),
    livestreamUrl: () => proto.livestreamUrl.call(self, { accessCode: '1' }),
    pageUrl: () => proto.pageUrl.call(self, '/conf/calls/upcoming'),
    embedMeeting: () => proto.embedMeeting.call(self, div, { accessCode: '1' }),
    embedLivestream: () => proto.embedLivestream.call(self, div, { accessCode: '1' }),
    signIn: () => proto.signIn.call(self, { hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectUrl: '/conf/calls/upcoming' }),
    signInUrl: () => proto.signInUrl.call(self, { hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectUrl: '/conf/calls/upcoming' }),
    embedSignIn: () => proto.embedSignIn.call(self, div, { hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectUrl: '/conf/calls/upcoming' }),
  };
};

/** Calls every method and getter of Embed with `self` as `this` (valid arguments). */
H.embedCalls = (self) => {
  const proto = lib.Embed.prototype;
  const get = (name) => () => getOwnPropertyDescriptor(proto, name).get.call(self);
  const fn = () => {};
  return {
    iframe: get('iframe'),
    url: get('url'),
    left: get('left'),
    on: () => proto.on.call(self, 'leave', fn),
    once: () => proto.once.call(self, 'message', fn),
    off: () => proto.off.call(self, 'leave', fn),
    destroy: () => proto.destroy.call(self),
  };
};

/** A wrong `this` of the given kind (for VivoMeetings or Embed methods). */
H.wrongThis = (kind) => {
  const embed = () => {
    const m = H.vivo.embedMeeting(H.div(), { accessCode: '1' });
    m.destroy();
    return m;
  };
  return {
    'a plain object': () => ({}),
    null: () => null,
    undefined: () => undefined,
    'a number': () => 42,
    'a string': () => 'vivo',
    'a Proxy of a real instance': () => new Proxy(H.vivo, {}),
    'Object.create(a real instance)': () => Object.create(H.vivo),
    'Object.create(VivoMeetings.prototype)': () => Object.create(VivoMeetings.prototype),
    'a VivoMeetings': () => H.vivo,
    'an Embed': embed,
    'a Proxy of a real embed': () => new Proxy(H.live, {}),
    'Object.create(a real embed)': () => Object.create(H.live),
    'Object.create(Embed.prototype)': () => Object.create(lib.Embed.prototype),
    'a revoked Proxy': () => H.revoked(),
  }[kind]();
};

/** A container of the given (hostile) kind. */
H.container = (kind) => {
  switch (kind) {
    case 'new Proxy(element, {})':
      return new Proxy(H.div(), {});
    case 'Object.create(HTMLDivElement.prototype)':
      return Object.create(HTMLDivElement.prototype);
    case 'an element made by DOMParser':
      return new DOMParser().parseFromString('<div id="x"></div>', 'text/html').getElementById('x');
    case "an element of an about:blank iframe's document": {
      const frame = document.createElement('iframe');
      document.getElementById('scratch').append(frame);
      const el = frame.contentDocument.createElement('div');
      frame.contentDocument.body.append(el);
      frame.remove();
      return el;
    }
    case 'an element of document.implementation.createHTMLDocument()':
      return document.implementation.createHTMLDocument('other').createElement('div');
    case 'a Text node':
      return document.createTextNode('text');
    case 'the document':
      return document;
    case 'a revoked Proxy':
      return H.revoked(H.div());
    case 'a plain object with nodeType 1':
      return { nodeType: 1, ownerDocument: document, appendChild() {}, isConnected: true };
    default:
      throw new Error(`no container kind ${kind}`);
  }
};

/** Runs `fn`; if wasm memory is then over 1 MiB, returns that instead of its outcome. */
H.withMemory = (fn) => {
  let out;
  try {
    out = { value: fn() };
  } catch (e) {
    out = { error: e };
  }
  if (H.memory() > 1 << 20) return { wasmMemoryBytes: H.memory() };
  if ('error' in out) throw out.error;
  return out.value;
};

/** A meeting embed in `container` whose events are recorded in H.seen as `<tag>:<event>`. */
H.record = (container, tag, options = {}) =>
  H.vivo.embedMeeting(container, {
    accessCode: tag,
    onLeave: (e) => H.seen.push(`${tag}:${e.reason}`),
    ...options,
  });

/** mulberry32: a small seeded PRNG. */
H.prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * The decoding path's property test: `n` random option objects (random
 * keys, value types, prototypes, getters, Proxies), each given to one of the
 * URL builders (free function or method). Every outcome must be a URL on
 * the platform's origin or a VivoMeetingsError with a known code; no getter
 * may be read twice and no inherited (polluted) value may reach a URL.
 */
H.fuzz = (seed, n) => {
  const rand = H.prng(seed);
  const int = (k) => Math.floor(rand() * k);
  const pick = (a) => a[int(a.length)];
  const MARK = 'zzpollutedzz';
  const ROOM = ['name', 'skipJoin', 'observer', 'mute', 'view', 'stripLayout', 'params'];
  const SIGN = ['hostId', 'loginTokenPublicKey', 'redirectUrl', 'redirectTo', 'afterCallUrl', 'afterCallHosts'];
  const ALL = ['domain', 'accessCode', 'meetingUrl', 'path', ...ROOM, ...SIGN, 'newTab', 'title', 'onLeave'];
  // Each builder: how it is called, the keys it takes, the keys it needs.
  const builders = {
    meetingUrl: [(o) => lib.meetingUrl(o), ['domain', 'accessCode', 'meetingUrl', ...ROOM], ['domain', 'accessCode']],
    'vivo.meetingUrl': [(o) => H.vivo.meetingUrl(o), ['accessCode', 'meetingUrl', ...ROOM], ['accessCode']],
    livestreamUrl: [(o) => lib.livestreamUrl(o), ['domain', 'accessCode'], ['domain', 'accessCode']],
    'vivo.livestreamUrl': [(o) => H.vivo.livestreamUrl(o), ['accessCode'], ['accessCode']],
    pageUrl: [(o) => lib.pageUrl(o), ['domain', 'path'], ['domain', 'path']],
    'vivo.pageUrl': [(o) => H.vivo.pageUrl(o), [], []],
    signInUrl: [(o) => lib.signInUrl(o), ['domain', ...SIGN], ['domain', 'hostId', 'loginTokenPublicKey', 'redirectUrl']],
    'vivo.signInUrl': [(o) => H.vivo.signInUrl(o), SIGN, ['hostId', 'loginTokenPublicKey', 'redirectUrl']],
  };
  const polluted = Object.create(Object.prototype);
  for (const k of ALL) polluted[k] = k === 'domain' ? `${MARK}.example` : k === 'mute' ? ['camera'] : k === 'params' ? { [MARK]: MARK } : k === 'hostId' ? 8 : MARK;
  class Options {}
  Options.prototype.name = MARK;
  Options.prototype.accessCode = MARK;
  const chars = 'aZ09_-./:?&=#% \t\n\u0000\u00e9\u20ac\ud83d\ude00<>"\'\\+,;@[]';
  const str = () => {
    let s = '';
    for (let i = int(int(3) === 0 ? 40 : 8); i > 0; i--) s += chars[int(chars.length)];
    return s;
  };
  const reads = [];
  const junk = () =>
    pick([
      () => [str(), 'a string'],
      () => [int(1e6), 'an integer'],
      () => [-1, '-1'],
      () => [1.5, '1.5'],
      () => [NaN, 'NaN'],
      () => [2 ** 53, '2**53'],
      () => [true, 'true'],
      () => [false, 'false'],
      () => [null, 'null'],
      () => [undefined, 'undefined'],
      () => [{}, '{}'],
      () => [[], '[]'],
      () => [[str()], '[a string]'],
      () => [() => {}, 'a function'],
      () => [Symbol('s'), 'a symbol'],
      () => [10n, '10n'],
      () => [new Date(0), 'a Date'],
      () => [new Map([['a', '1']]), 'a Map'],
      () => [new String('ab'), 'a boxed String'],
      () => [H.revoked(), 'a revoked Proxy'],
      () => [new Proxy({}, { get() { throw new Error('trap'); } }), 'a Proxy with a throwing get'],
      () => ['x'.repeat(8193 + int(20000)), 'a long string'],
      () => [Object.create(polluted), 'an object inheriting polluted values'],
    ])();
  const good = {
    domain: () => pick([P, P, P, P, 'ftp://x.example', 'http://evil.example', `${P}/path`, '', ' ']),
    accessCode: () => pick(['123456', 42, 'a_b-C', '123456', 7, '', 'a b', -3, 0, str()]),
    meetingUrl: () => pick([`${P}/conf/call/77`, `${P}/conf/call/77?lang=fr`, `${P}/conf/call/77?name=x`, `${P}/conf/x`, str()]),
    path: () => pick(['/conf/calls/upcoming', '/', '/a?b=c', '//evil', 'conf', `/${str()}`]),
    name: () => pick(['Ann', 'Ann Lee', 'Zoë €', '', 'x'.repeat(1001), str()]),
    skipJoin: () => pick([true, false]),
    observer: () => pick([true, false]),
    stripLayout: () => pick([true, false]),
    mute: () => pick([['camera'], ['mic', 'camera'], [], ['camera', 'camera'], ['speaker'], [str()], new Array(2)]),
    view: () => pick(['gallery', 'bottom_speaker', 'left_side_speaker', 'grid', str()]),
    params: (depth) => pick([() => ({ lang: 'fr' }), () => ({ a: 1, b: true }), () => ({ name: 'x' }), () => ({ Skip_Join: 1 }), () => Object.create(null), () => ({ a: str() }), () => ({ [str()]: str() }), () => obj(ROOM, depth + 1)[0]])(),
    hostId: () => pick([8, '8', 9, '08', 0, 2 ** 53, ' 8', str()]),
    loginTokenPublicKey: () => pick(['a1b2c3d4e5f6', 'tok', 'demo-token-9', '', 'a b', 'x'.repeat(513), str()]),
    redirectUrl: () => pick(['/conf/calls/upcoming', '/conf/calls/upcoming', '//evil.example', '/\\evil', `${P}/x`, 'https://evil.example/', str()]),
    redirectTo: (depth) => pick([() => ({ accessCode: '1' }), () => ({ accessCode: '1', skipJoin: true }), () => ({}), () => obj(['accessCode', ...ROOM], depth + 1)[0]])(),
    afterCallUrl: () => pick(['/done', 'https://partner.example/done', 'http://partner.example/', 'javascript:alert(1)', '//evil', str()]),
    afterCallHosts: () => pick([['partner.example'], [], [''], ['*'], [str()]]),
  };
  /** A random value for `key`: [value, description]. */
  const value = (key, depth) => {
    if (rand() < 0.75 && good[key]) {
      const v = good[key](depth);
      let shown;
      try {
        shown = typeof v === 'string' && v.length > 40 ? `a string of ${v.length}` : stringify(v);
      } catch {
        shown = `(${typeof v} that JSON cannot show)`;
      }
      return [v, shown];
    }
    if (rand() < 0.1 && depth < 1) return obj(ALL, depth + 1);
    const j = junk();
    // A random string may well be a valid host name: a domain is the platform's or invalid.
    if (key === 'domain' && typeof j[0] === 'string') return ['https://evil.example/path', 'a domain with a path'];
    return j;
  };
  /** A random options object from `keys` (mostly `needed` first): [object, description]. */
  function obj(keys, depth = 0, needed = []) {
    const protos = [
      [Object.prototype, ''],
      [Object.prototype, ''],
      [Object.prototype, ''],
      [null, 'null prototype'],
      [polluted, 'polluted prototype'],
      [Options.prototype, 'class instance'],
    ];
    const [proto, protoName] = pick(protos);
    const o = Object.create(proto);
    const desc = [];
    const chosen = new Set(needed.filter(() => rand() < 0.85));
    for (let i = int(4); i > 0; i--) chosen.add(rand() < 0.93 ? pick(keys.length ? keys : ALL) : rand() < 0.5 ? pick(ALL) : str());
    for (const key of chosen) {
      const kind = int(10);
      if (kind < 7) {
        const [v, shown] = value(key, depth);
        defineProperty(o, key, { value: v, enumerable: true, configurable: true, writable: true });
        desc.push(`${key}: ${shown}`);
      } else if (kind < 9) {
        const [v, shown] = value(key, depth);
        const counter = { key, n: 0 };
        reads.push(counter);
        defineProperty(o, key, { enumerable: true, configurable: true, get: () => (counter.n++, v) });
        desc.push(`get ${key}: ${shown}`);
      } else {
        defineProperty(o, key, { enumerable: true, configurable: true, get() { throw new Error('getter throws'); } });
        desc.push(`get ${key}: throws`);
      }
    }
    let shown = `{ ${desc.join(', ')} }${protoName ? ` (${protoName})` : ''}`;
    if (rand() < 0.1) {
      const trap = pick(['ownKeys', 'getOwnPropertyDescriptor', 'get', 'getPrototypeOf', 'has', null]);
      shown = `Proxy(${shown}, ${trap ? `${trap} throws` : 'pass-through'})`;
      return [new Proxy(o, trap ? { [trap]() { throw new Error('trap'); } } : {}), shown];
    }
    return [o, shown];
  }
  const names = keys(builders);
  const failures = [];
  const outcomes = {};
  for (let i = 0; i < n; i++) {
    const fn = names[i % names.length];
    const [call, allowed, needed] = builders[fn];
    reads.length = 0;
    let o;
    let shown;
    if (fn === 'vivo.pageUrl') [o, shown] = rand() < 0.7 ? value('path', 0) : junk();
    else [o, shown] = rand() < 0.05 ? junk() : obj(allowed, 0, needed);
    // Describing the options (JSON) ran some getters: only the library's reads count.
    for (const c of reads) c.n = 0;
    let outcome;
    try {
      const r = call(o);
      if (typeof r !== 'string' || !r.startsWith(`${P}/`)) outcome = `not a platform URL: ${typeof r} ${String(r).slice(0, 200)}`;
      else if (r.includes(MARK)) outcome = `an inherited value reached the URL: ${r.slice(0, 300)}`;
      else if (r.length > 8192) outcome = `a URL of ${r.length} characters`;
      else outcome = 'url';
    } catch (e) {
      if (!(e instanceof VivoMeetingsError)) outcome = `threw a ${e?.constructor?.name}: ${String(e?.message ?? e).slice(0, 200)}`;
      else if (!KNOWN_CODES.includes(e.code)) outcome = `unknown code ${e.code}`;
      else if (e.field !== undefined && typeof e.field !== 'string') outcome = 'a field that is not a string';
      else outcome = e.code;
    }
    const twice = reads.filter((c) => c.n > 1).map((c) => c.key);
    if (twice.length) outcome = `getters read more than once: ${twice.join(', ')}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    // At most 3 failures of each kind, 12 in all, so that a rare kind shows.
    const kind = outcome.slice(0, 40);
    if (!KNOWN_CODES.includes(outcome) && outcome !== 'url' && failures.length < 12 && failures.filter((f) => f.outcome.slice(0, 40) === kind).length < 3) {
      failures.push({ i, fn, options: shown.slice(0, 400), outcome });
    }
  }
  return { seed, n, failures, outcomes, memory: H.memory() };
};

H.wasm = await lib.ready.then(() => lib.default());
H.vivo = new VivoMeetings({ domain: P });
H.live = H.vivo.embedMeeting('#live', { accessCode: 'live', onLeave: (e) => H.leaves.push(e.reason) });
H.baseline = H.snapshot();
document.getElementById('status').textContent = 'ready';
