// The custom elements of `vivomeetings-embed/element` (pkg/element.js) in
// headless Chromium against the stand-in: plain HTML with attributes, real
// leaves from the room, meetingmessage / rejected / embederror / load,
// properties and attributes, batching, disconnect, 1,000 connect/disconnect
// cycles, moveBefore, two copies of the entry, the strict CSP of e2e/csp, a
// wasm that fails to load (embederror not_ready),
// and importing the entry in Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { APP, countWindowMessageListeners, PLATFORM, useBrowser } from './helpers.mjs';

const ctx = useBrowser();
const PAGES = new URL('./pages/', import.meta.url);


/**
 * Opens an element page (e2e/pages/element.html or e2e/csp/element.html):
 * plain HTML whose elements get the stand-in's origin from element-domain.js.
 */
async function openPage(path = '/e2e/element.html') {
  const { page } = await ctx.open();
  await page.addInitScript(countWindowMessageListeners);
  const response = await page.goto(`${APP}${path}`);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  return { page, response };
}

const seen = (page) => page.evaluate(() => window.seen);
const listeners = (page) => page.evaluate(() => window.messageListeners());
/** Waits until `#id` has mounted its iframe and the room inside has loaded. */
async function mounted(page, id = 'meeting') {
  await page.frameLocator(`#${id} iframe`).locator('#hangup').waitFor();
}
/** Waits until window.seen has an entry equal to `entry`. */
async function saw(page, entry) {
  await page.waitForFunction((e) => window.seen.includes(e), entry);
}

describe('<vivo-meeting> and <vivo-livestream>', { timeout: 120_000 }, () => {
  it('plain HTML with attributes mounts iframes with the library URLs, display: block, no inline style, and fires load', async () => {
    const { page } = await openPage();
    await mounted(page);
    await page.frameLocator('#stream iframe').locator('body').waitFor();
    const expected = `${PLATFORM}/conf/call/123456?name=Plain+HTML&skip_join=true&mute=camera,mic&view=bottom_speaker`;
    const state = await page.evaluate(() => {
      const m = document.getElementById('meeting');
      const s = document.getElementById('stream');
      return {
        defined: [!!customElements.get('vivo-meeting'), !!customElements.get('vivo-livestream')],
        src: m.querySelector('iframe').getAttribute('src'),
        url: m.url,
        sameIframe: m.iframe === m.querySelector('iframe'),
        library: window.lab.meetingUrl({
          domain: window.lab.platform,
          accessCode: '123456',
          name: 'Plain HTML',
          skipJoin: true,
          mute: ['camera', 'mic'],
          view: 'bottom_speaker',
        }),
        title: m.iframe.title,
        stream: s.iframe.getAttribute('src'),
        streamTitle: s.iframe.title,
        display: [getComputedStyle(m).display, getComputedStyle(s).display],
        styleAttr: [m.hasAttribute('style'), s.hasAttribute('style')],
        fills: [m.iframe.offsetWidth === m.clientWidth, m.iframe.offsetHeight === m.clientHeight],
        height: m.clientHeight,
        iframes: document.querySelectorAll('iframe').length,
        left: typeof m.left.then,
      };
    });
    assert.deepEqual(state.defined, [true, true]);
    assert.equal(state.src, expected);
    assert.equal(state.url, expected);
    assert.equal(state.library, expected, 'the element builds the same URL as meetingUrl()');
    assert.ok(state.sameIframe);
    assert.equal(state.title, 'Team room');
    assert.equal(state.stream, `${PLATFORM}/livestream/123456`);
    assert.ok(state.streamTitle.length > 0, 'the livestream iframe has the default accessible title');
    assert.deepEqual(state.display, ['block', 'block']);
    assert.deepEqual(state.styleAttr, [false, false]);
    assert.equal(state.height, 360, 'the page rule (.slot) sizes the element');
    assert.deepEqual(state.fills, [true, true], 'the iframe fills the element');
    assert.equal(state.iframes, 2);
    assert.equal(state.left, 'function');
    await saw(page, 'meeting:load:');
    await saw(page, 'stream:load:');
    assert.equal(await listeners(page), 2);
    // The room got the parameters.
    const frame = page.frameLocator('#meeting iframe');
    assert.equal(await frame.locator('dd[data-param="name"]').textContent(), 'Plain HTML');
    await frame.locator('#camera-off').waitFor();
    await frame.locator('#mic-off').waitFor();
    await ctx.session.finish();
  });

  it('a real leave from the room fires leave (and settles left); messages fire meetingmessage; the livestream rejects the foreign frame', async () => {
    const { page } = await openPage();
    await mounted(page);
    const frame = page.frameLocator('#meeting iframe');
    await frame.locator('#unknown').click();
    await saw(page, 'meeting:meetingmessage:vivomeetingsParticipantJoinedEvent');
    await page.evaluate(() =>
      document.getElementById('meeting').addEventListener(
        'leave',
        (e) => (window.leaveEvent = { custom: e instanceof CustomEvent, bubbles: e.bubbles, reason: e.detail.reason }),
        { once: true },
      ),
    );
    await frame.locator('#kicked').click();
    await saw(page, 'meeting:leave:kicked');
    assert.deepEqual(await page.evaluate(() => document.getElementById('meeting').left), { type: 'leave', reason: 'kicked' });
    const meetingEvents = (await seen(page)).filter((e) => e.startsWith('meeting:') && !e.includes(':load:'));
    assert.deepEqual(meetingEvents, [
      'meeting:meetingmessage:vivomeetingsParticipantJoinedEvent',
      'meeting:meetingmessage:vivomeetingsLeaveCallEvent',
      'meeting:leave:kicked',
    ]);
    // The detail carries the reason; the event is a CustomEvent that does not bubble.
    assert.deepEqual(await page.evaluate(() => window.leaveEvent), { custom: true, bubbles: false, reason: 'kicked' });
    // A second leave: `left` stays the first one.
    await frame.locator('#blocked').click();
    await saw(page, 'meeting:leave:blocked');
    assert.deepEqual(await page.evaluate(() => document.getElementById('meeting').left), { type: 'leave', reason: 'kicked' });
    // The livestream's own embed heard the meeting frame's messages and dropped them.
    await saw(page, `stream:rejected:source@${PLATFORM}`);
    assert.ok(!(await seen(page)).some((e) => e.startsWith('stream:') && /leave|meetingmessage/.test(e)));
    await ctx.session.finish();
  });

  it('a forged message fires rejected with the reason and origin', async () => {
    const { page } = await openPage();
    await mounted(page);
    await page.evaluate(() => window.postMessage({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, '*'));
    await saw(page, `meeting:rejected:origin@${APP}`);
    assert.ok(!(await seen(page)).includes('meeting:leave:left'));
    await ctx.session.finish();
  });

  it('invalid attributes fire embederror with a VivoMeetingsError and show no iframe; fixing them mounts', async () => {
    const { page } = await openPage();
    await mounted(page);
    const result = await page.evaluate(async () => {
      const make = (id, attrs) => {
        const el = document.createElement('vivo-meeting');
        el.id = id;
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        window.lab.watch(el);
        document.getElementById('elsewhere').append(el);
        return el;
      };
      const bad = make('bad', { domain: window.lab.platform, 'access-code': 'not a code!' });
      const nodomain = make('nodomain', { 'access-code': '123456' });
      const http = make('http', { domain: 'http://example.com', 'access-code': '123456' });
      const view = make('view', { domain: window.lab.platform, 'access-code': '123456', view: 'sideways' });
      const mute = make('mute', { domain: window.lab.platform, 'access-code': '123456', mute: 'camera speakers' });
      await new Promise((r) => setTimeout(r, 50));
      const iframes = [bad, nodomain, http, view, mute].map((el) => [el.iframe, el.url, el.querySelector('iframe')]);
      // A valid meeting that becomes invalid loses its iframe.
      const meeting = document.getElementById('meeting');
      meeting.setAttribute('access-code', '12 34');
      await new Promise((r) => setTimeout(r, 50));
      const broken = [meeting.iframe, meeting.querySelector('iframe')];
      bad.setAttribute('access-code', '777');
      await new Promise((r) => setTimeout(r, 50));
      return { iframes, broken, fixed: bad.url };
    });
    const all = await seen(page);
    for (const e of [
      'bad:embederror:true invalid_access_code accessCode',
      'nodomain:embederror:true invalid_domain domain',
      'http:embederror:true insecure_domain domain',
      'view:embederror:true invalid_option view',
      'mute:embederror:true invalid_option mute',
      'meeting:embederror:true invalid_access_code accessCode',
    ]) {
      assert.ok(all.some((s) => s.startsWith(e)), `expected ${e} in ${JSON.stringify(all)}`);
    }
    for (const row of result.iframes) assert.deepEqual(row, [null, null, null]);
    assert.deepEqual(result.broken, [null, null]);
    assert.equal(result.fixed, `${PLATFORM}/conf/call/777`);
    await page.frameLocator('#bad iframe').locator('#hangup').waitFor();
    await ctx.session.finish();
  });

  it('properties reflect attributes (camelCase, booleans, mute tokens); params is a property only', async () => {
    const { page } = await openPage();
    await mounted(page);
    const r = await page.evaluate(async () => {
      const el = document.getElementById('meeting');
      const before = {
        domain: el.domain,
        accessCode: el.accessCode,
        name: el.name,
        skipJoin: el.skipJoin,
        observer: el.observer,
        stripLayout: el.stripLayout,
        mute: el.mute,
        view: el.view,
        title: el.title,
        meetingUrl: el.meetingUrl,
        params: el.params,
      };
      el.accessCode = 654321;
      el.skipJoin = false;
      el.observer = true;
      el.stripLayout = 1;
      el.mute = ['mic'];
      el.name = null;
      el.view = 'gallery';
      el.params = { theme: 'dark', n: 2 };
      const attrs = Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
      await new Promise((r) => setTimeout(r, 50));
      const url1 = el.url;
      el.setAttribute('name', 'By Attribute');
      el.removeAttribute('observer');
      el.setAttribute('mute', '  camera   mic ');
      await new Promise((r) => setTimeout(r, 50));
      const after = { name: el.name, observer: el.observer, mute: el.mute, url: el.url };
      // meeting-url instead of access-code.
      el.removeAttribute('access-code');
      el.params = undefined;
      el.meetingUrl = `${window.lab.platform}/conf/call/999?x=1`;
      await new Promise((r) => setTimeout(r, 50));
      const byUrl = { url: el.url, attr: el.getAttribute('meeting-url') };
      const stream = document.getElementById('stream');
      stream.accessCode = 'abc';
      await new Promise((r) => setTimeout(r, 50));
      return { before, attrs, url1, after, byUrl, stream: stream.url, streamProps: ['name' in stream, 'skipJoin' in stream] };
    });
    assert.deepEqual(r.before, {
      domain: PLATFORM,
      accessCode: '123456',
      name: 'Plain HTML',
      skipJoin: true,
      observer: false,
      stripLayout: false,
      mute: ['camera', 'mic'],
      view: 'bottom_speaker',
      title: 'Team room',
      meetingUrl: null,
      params: undefined,
    });
    assert.equal(r.attrs['access-code'], '654321');
    assert.equal(r.attrs['skip-join'], undefined);
    assert.equal(r.attrs.observer, '');
    assert.equal(r.attrs['strip-layout'], '');
    assert.equal(r.attrs.mute, 'mic');
    assert.equal(r.attrs.name, undefined);
    assert.equal(r.attrs.params, undefined, 'params is not reflected');
    assert.equal(r.url1, `${PLATFORM}/conf/call/654321?observer=true&mute=mic&view=gallery&strip_layout=true&theme=dark&n=2`);
    assert.deepEqual(r.after, {
      name: 'By Attribute',
      observer: false,
      mute: ['camera', 'mic'],
      url: `${PLATFORM}/conf/call/654321?name=By+Attribute&mute=camera,mic&view=gallery&strip_layout=true&theme=dark&n=2`,
    });
    assert.deepEqual(r.byUrl, { url: `${PLATFORM}/conf/call/999?name=By+Attribute&mute=camera,mic&view=gallery&strip_layout=true&x=1`, attr: `${PLATFORM}/conf/call/999?x=1` });
    assert.equal(r.stream, `${PLATFORM}/livestream/abc`);
    assert.deepEqual(r.streamProps, [false, false]);
    await ctx.session.finish();
  });

  it('attribute changes are batched: 5 changes in one task make one rebuild; an equal params object keeps the meeting', async () => {
    const { page } = await openPage();
    await mounted(page);
    const r = await page.evaluate(async () => {
      const el = document.getElementById('meeting');
      const added = [];
      new MutationObserver((records) => {
        for (const rec of records) for (const n of rec.addedNodes) if (n.localName === 'iframe') added.push(n.src);
      }).observe(el, { childList: true });
      const first = el.iframe;
      el.setAttribute('access-code', '111');
      el.setAttribute('name', 'Batched');
      el.setAttribute('view', 'gallery');
      el.toggleAttribute('observer', true);
      el.params = { a: '1' };
      await new Promise((r) => setTimeout(r, 100));
      const rebuilt = { added: [...added], replaced: first !== el.iframe && !first.isConnected, iframes: el.querySelectorAll('iframe').length };
      // The same values again (as React sets an equal new object): nothing is rebuilt.
      const kept = el.iframe;
      el.params = { a: '1' };
      el.setAttribute('name', 'Batched');
      await new Promise((r) => setTimeout(r, 100));
      return { rebuilt, same: kept === el.iframe, addedAfter: added.length };
    });
    assert.deepEqual(r.rebuilt, {
      added: [`${PLATFORM}/conf/call/111?name=Batched&skip_join=true&observer=true&mute=camera,mic&view=gallery&a=1`],
      replaced: true,
      iframes: 1,
    });
    assert.ok(r.same);
    assert.equal(r.addedAfter, 1);
    assert.equal(await listeners(page), 2);
    await ctx.session.finish();
  });

  it('disconnecting destroys the embed and removes its listener; reconnecting mounts again', async () => {
    const { page } = await openPage();
    await mounted(page);
    assert.equal(await listeners(page), 2);
    const r = await page.evaluate(() => {
      const el = document.getElementById('meeting');
      const iframe = el.iframe;
      el.remove();
      return { iframe: el.iframe, url: el.url, detached: !iframe.isConnected, left: iframe.parentNode, count: window.messageListeners() };
    });
    assert.deepEqual(r, { iframe: null, url: null, detached: true, left: null, count: 1 });
    const again = await page.evaluate(async () => {
      const el = document.createElement('vivo-meeting');
      el.setAttribute('domain', window.lab.platform);
      el.setAttribute('access-code', '42');
      document.getElementById('elsewhere').append(el);
      await new Promise((r) => setTimeout(r, 50));
      const first = el.iframe;
      el.remove();
      document.getElementById('elsewhere').append(el);
      await new Promise((r) => setTimeout(r, 50));
      return { first: first !== null && !first.isConnected, second: el.iframe !== null && el.iframe !== first, count: window.messageListeners() };
    });
    assert.deepEqual(again, { first: true, second: true, count: 2 });
    await ctx.session.finish();
  });

  it('1,000 connect/disconnect cycles leave no message listener and at most one iframe', async () => {
    const { page } = await openPage();
    await mounted(page);
    // The cycles embed a room of a platform on the page's own (loopback)
    // origin, stubbed: each mount still builds the library's iframe and
    // listener, without a cross-site frame process per cycle.
    await page.route(`${APP}/conf/call/**`, (route) => route.fulfill({ body: '<!doctype html><title>room</title>', contentType: 'text/html' }));
    await page.evaluate(() => {
      document.getElementById('meeting').remove();
      document.getElementById('stream').remove();
    });
    assert.equal(await listeners(page), 0);
    const r = await page.evaluate(async () => {
      const el = document.createElement('vivo-meeting');
      el.setAttribute('domain', location.origin);
      el.setAttribute('access-code', '123456');
      el.setAttribute('name', 'Cycle');
      const host = document.getElementById('elsewhere');
      let maxListeners = 0;
      let maxIframes = 0;
      let mountedCount = 0;
      const measure = () => {
        maxListeners = Math.max(maxListeners, window.messageListeners());
        maxIframes = Math.max(maxIframes, document.querySelectorAll('iframe').length);
      };
      // 1,000 cycles in which each connection mounts (the build runs in a microtask).
      for (let i = 0; i < 1000; i++) {
        host.append(el);
        await null;
        if (el.iframe) mountedCount++;
        measure();
        el.remove();
        measure();
      }
      const afterMounted = { listeners: window.messageListeners(), iframes: document.querySelectorAll('iframe').length };
      // 1,000 cycles in one task: batched, nothing mounts.
      for (let i = 0; i < 1000; i++) {
        host.append(el);
        el.remove();
      }
      await new Promise((r) => setTimeout(r, 50));
      measure();
      return { maxListeners, maxIframes, mountedCount, afterMounted, listeners: window.messageListeners(), iframes: document.querySelectorAll('iframe').length };
    });
    assert.deepEqual(r, {
      maxListeners: 1,
      maxIframes: 1,
      mountedCount: 1000,
      afterMounted: { listeners: 0, iframes: 0 },
      listeners: 0,
      iframes: 0,
    });
    await ctx.session.finish();
  });

  it('moveBefore keeps the same iframe and meeting (no reload, events still flow)', async () => {
    const { page } = await openPage();
    await mounted(page);
    const frame = page.frameLocator('#meeting iframe');
    // State inside the room that a reload would lose.
    await frame.locator('#unknown').click();
    await frame.locator('#status', { hasText: 'Sent vivomeetingsParticipantJoinedEvent' }).waitFor();
    const r = await page.evaluate(() => {
      const el = document.getElementById('meeting');
      const iframe = el.iframe;
      const win = iframe.contentWindow;
      const target = document.getElementById('elsewhere');
      if (typeof target.moveBefore !== 'function') return { supported: false };
      target.moveBefore(el, null);
      return {
        supported: true,
        moved: el.parentElement === target,
        same: el.iframe === iframe && iframe.isConnected && iframe.contentWindow === win,
        listeners: window.messageListeners(),
      };
    });
    assert.deepEqual(r, { supported: true, moved: true, same: true, listeners: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Not reloaded: the room still shows what it did before the move; one load event only.
    assert.equal(await frame.locator('#status').textContent(), 'Sent vivomeetingsParticipantJoinedEvent');
    assert.equal((await seen(page)).filter((e) => e === 'meeting:load:').length, 1);
    assert.equal(await page.evaluate(() => document.getElementById('meeting').iframe !== null), true);
    await frame.locator('#kicked').click();
    await saw(page, 'meeting:leave:kicked');
    await ctx.session.finish();
  });

  it('importing the entry twice, or a second copy of it, does not throw and keeps the first definition', async () => {
    const { page } = await openPage();
    await mounted(page);
    const r = await page.evaluate(async () => {
      const before = [customElements.get('vivo-meeting'), customElements.get('vivo-livestream')];
      await import('/pkg/element.js');
      // A second copy: another module instance (another URL) of the same file.
      await import('/pkg/element.js?copy=2');
      return {
        same: before[0] === customElements.get('vivo-meeting') && before[1] === customElements.get('vivo-livestream'),
        iframes: document.querySelectorAll('iframe').length,
      };
    });
    assert.deepEqual(r, { same: true, iframes: 2 });
    await ctx.session.finish();
  });

  it('works under the strict CSP of e2e/csp with no violation and no console error', async () => {
    const { page, response } = await openPage('/csp/element.html');
    assert.equal(
      response.headers()['content-security-policy'],
      `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; frame-src ${PLATFORM}; style-src 'self'`,
    );
    await mounted(page);
    await page.frameLocator('#stream iframe').locator('body').waitFor();
    const state = await page.evaluate(() => ({
      display: [...document.querySelectorAll('vivo-meeting, vivo-livestream')].map((el) => getComputedStyle(el).display),
      styleAttr: [...document.querySelectorAll('vivo-meeting, vivo-livestream')].some((el) => el.hasAttribute('style')),
      width: document.getElementById('meeting').iframe.offsetWidth === document.getElementById('meeting').clientWidth,
    }));
    assert.deepEqual(state, { display: ['block', 'block'], styleAttr: false, width: true });
    await page.frameLocator('#meeting iframe').locator('#hangup').click();
    await saw(page, 'meeting:leave:left');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    await ctx.session.finish();
  });

  it('when the wasm fails to load, the elements fire embederror with not_ready (no iframe)', async () => {
    const { page } = await ctx.open();
    await page.route(`${APP}/pkg/vivomeetings_embed_bg.wasm`, (route) => route.abort());
    await page.goto(`${APP}/e2e/element.html`);
    await page.waitForFunction(() => window.seen?.length === 2);
    assert.deepEqual((await seen(page)).sort(), ['meeting:embederror:true not_ready ', 'stream:embederror:true not_ready ']);
    assert.equal(await page.locator('iframe').count(), 0);
    await ctx.session.finish({
      expected: [
        { text: /Failed to load resource: net::ERR_FAILED/ },
        // element-page.js awaits `ready` at its top level.
        { text: /Failed to fetch/ },
      ],
    });
  });

  it('importing pkg/element.js in Node (no DOM) does not throw and defines nothing', async () => {
    assert.equal(typeof globalThis.HTMLElement, 'undefined');
    const mod = await import(new URL('../pkg/element.js', import.meta.url).href);
    assert.deepEqual(Object.keys(mod), []);
    assert.equal(typeof globalThis.customElements, 'undefined');
    // The package exports the entry with its types.
    const manifest = JSON.parse(readFileSync(new URL('../pkg/package.json', import.meta.url), 'utf8'));
    assert.deepEqual(manifest.exports['./element'], { types: './element.d.ts', default: './element.js' });
    assert.ok(manifest.sideEffects.includes('./element.js'), 'bundlers must keep `import "vivomeetings-embed/element"`');
    assert.ok(readFileSync(new URL('element-page.js', PAGES), 'utf8').includes('/pkg/index.js'));
  });
});
