// The script-tag bundle inlined in the page (a <script> with the bundle's
// text and no src): it fetches its wasm from the page's own directory. The
// page is e2e/pages/global.html with the bundle inlined, served by
// Playwright as APP/pkg/inline.html, so the wasm beside it is the one the
// stand-in serves from pkg/. Playwright-served pages count as public
// address space for Chromium's Local Network Access checks, which would
// block their loopback iframes, hence the flag (as in docs/readme.test.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { APP, useBrowser } from './helpers.mjs';
import { runCoreFlow } from './flow.mjs';

const ctx = useBrowser(['--disable-features=LocalNetworkAccessChecks']);
const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the script-tag bundle, inlined', () => {
  it('loads its wasm from beside the page and does the core flow', async () => {
    const bundle = read('../pkg/vivomeetings-embed.global.js');
    assert.ok(!/<\/script/i.test(bundle), 'the bundle can be inlined as is');
    const tag = '<script src="/pkg/vivomeetings-embed.global.js"></script>';
    const page0 = read('./pages/global.html');
    assert.ok(page0.includes(tag));
    const html = page0.replace(tag, () => `<script>${bundle}</script>`);
    const { page } = await ctx.open();
    const requests = [];
    page.on('request', (r) => {
      if (['script', 'fetch'].includes(r.resourceType()) || r.url().endsWith('.wasm')) requests.push(new URL(r.url()).pathname);
    });
    await page.route(`${APP}/pkg/inline.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(`${APP}/pkg/inline.html`);
    await runCoreFlow(page, { button: '#kicked', reason: 'kicked' });
    // The wasm beside the page; the bundle itself was never fetched.
    assert.deepEqual(requests.sort(), ['/config.js', '/e2e/flow.js', '/e2e/global-page.js', '/pkg/vivomeetings_embed_bg.wasm']);
    await ctx.session.finish();
  });
});
