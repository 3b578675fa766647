// Loading the browser entry in a page (api-contract, "Loading"): when the
// .wasm is not beside the JS, the load the entry starts on import fails as
// `not_ready` (saying what to do) and calls are `not_ready`; a later
// init({ module_or_path }) with a compiled WebAssembly.Module succeeds,
// gives `ready` a new Promise that resolves, and the library works. init()
// is idempotent. A .wasm served with another MIME type than application/wasm
// still loads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, PLATFORM, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

describe('loading the wasm', () => {
  it('a failed automatic load is not_ready; init with a WebAssembly.Module recovers, and ready follows', async () => {
    const session = await ctx.open();
    const { page } = session;
    // The package's .wasm is not where the entry looks for it.
    await page.route(`${APP}/pkg/vivomeetings_embed_bg.wasm`, (route) => route.fulfill({ status: 404, body: 'moved' }));
    await page.route(`${APP}/pkg-elsewhere/vivomeetings_embed_bg.wasm`, async (route) =>
      route.fulfill({ response: await route.fetch({ url: `${APP}/pkg/vivomeetings_embed_bg.wasm` }) }),
    );
    await page.goto(`${APP}/e2e/loading.html`);
    const result = await page.evaluate(async (platform) => {
      const lib = await import('/pkg/index.js');
      const firstReady = lib.ready;
      const failed = await firstReady.then(
        () => 'resolved',
        (e) => ({ name: e.name, code: e.code, message: e.message }),
      );
      let before;
      try {
        lib.meetingUrl({ domain: platform, accessCode: '1' });
      } catch (e) {
        before = e.code;
      }
      // Served from elsewhere, compiled by the page (as an edge runtime would).
      const bytes = await (await fetch('/pkg-elsewhere/vivomeetings_embed_bg.wasm')).arrayBuffer();
      const module = await WebAssembly.compile(bytes);
      const init = lib.default;
      const exports = await init({ module_or_path: module });
      const again = await init();
      await lib.ready;
      return {
        failed,
        before,
        newReady: lib.ready !== firstReady,
        sameExports: exports === again && exports.memory instanceof WebAssembly.Memory,
        url: lib.meetingUrl({ domain: platform, accessCode: '1', skipJoin: true }),
      };
    }, PLATFORM);
    assert.equal(result.failed.name, 'VivoMeetingsError');
    assert.equal(result.failed.code, 'not_ready');
    assert.match(result.failed.message, /404/);
    assert.match(result.failed.message, /init\(\{ module_or_path \}\)/);
    assert.equal(result.before, 'not_ready');
    assert.equal(result.newReady, true, 'a new ready after the failed load');
    assert.equal(result.sameExports, true, 'init() returns the same exports every time');
    assert.equal(result.url, `${PLATFORM}/conf/call/1?skip_join=true`);
    // The failed fetch is the one console error.
    await session.finish({ expected: [{ text: /status of 404/ }] });
  });

  it('a server that sends the .wasm with another MIME type still works (compiled from the whole body)', async () => {
    const session = await ctx.open();
    const { page } = session;
    const warnings = [];
    page.on('console', (msg) => msg.type() === 'warning' && warnings.push(msg.text()));
    await page.route(`${APP}/pkg/vivomeetings_embed_bg.wasm`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await page.goto(`${APP}/e2e/loading.html`);
    const url = await page.evaluate(async (platform) => {
      const lib = await import('/pkg/index.js');
      await lib.ready;
      return lib.meetingUrl({ domain: platform, accessCode: '1' });
    }, PLATFORM);
    assert.equal(url, `${PLATFORM}/conf/call/1`);
    assert.deepEqual(warnings, []);
    await session.finish();
  });
});
