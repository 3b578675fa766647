// The package as a partner loads it without a bundler: an ES module page
// importing /pkg/index.js, and a page that loads ONLY the script-tag bundle
// (<script src="/pkg/vivomeetings-embed.global.js">, then
// `await VivoMeetings.ready`). Both do the core flow: URLs, a typed error,
// embed a meeting and a livestream, receive the leave event.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, useBrowser } from './helpers.mjs';
import { runCoreFlow } from './flow.mjs';

const ctx = useBrowser();

describe('loading the package', () => {
  it('script-tag bundle only: window.VivoMeetings does the core flow', async () => {
    const { page } = await ctx.open();
    const scripts = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${APP}/e2e/global.html`);
    await runCoreFlow(page, { button: '#blocked', reason: 'blocked' });
    // No module of the package was loaded: only the bundle (and its wasm).
    assert.deepEqual(scripts, ['/config.js', '/pkg/vivomeetings-embed.global.js', '/e2e/flow.js', '/e2e/global-page.js']);
    const keys = (await page.textContent('#global-keys')).split(' ');
    for (const name of ['VivoMeetings', 'VivoMeetingsError', 'meetingUrl', 'livestreamUrl', 'pageUrl', 'signInUrl', 'ready']) {
      assert.ok(keys.includes(name), `window.VivoMeetings.${name} is missing (has ${keys})`);
    }
    assert.equal(await page.evaluate(() => VivoMeetings.ready instanceof Promise), true);
    await ctx.session.finish();
  });

  it('ES module entry: /pkg/index.js does the core flow', async () => {
    const { page } = await ctx.open();
    await page.goto(`${APP}/e2e/module.html`);
    await runCoreFlow(page, { button: '#hangup', reason: 'left' });
    await ctx.session.finish();
  });
});
