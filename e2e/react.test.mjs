// The React 19 partner app (e2e/react/, StrictMode on): installs the package
// from a tarball packed from pkg/ (as a partner would, not a symlink),
// type-checks it with tsc --strict, builds it with Vite (a development build,
// so StrictMode really double-invokes the effects) and drives it in headless
// Chromium: <vivo-meeting onleave={…}> and the hook-free embedMeeting +
// cleanup effect each leave exactly one iframe and one message listener after
// mount, unmount and remount, and deliver a real leave.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { APP, countWindowMessageListeners, PLATFORM, useBrowser } from './helpers.mjs';

const DIR = fileURLToPath(new URL('./react/', import.meta.url));
const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));
// Served by the stand-in under /e2e/element-react/ (removed after the tests).
const SERVED = fileURLToPath(new URL('./pages/element-react/', import.meta.url));
const STAMP = join(DIR, 'node_modules/.vivo-lock-sha256');

const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: DIR, timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });

const timings = {};
function timed(name, fn) {
  const t = Date.now();
  const result = fn();
  timings[name] = Date.now() - t;
  return result;
}

before(() => {
  // Dependencies: `npm ci` only when node_modules does not match the lockfile.
  const lock = createHash('sha256').update(readFileSync(join(DIR, 'package-lock.json'))).digest('hex');
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== lock) {
    timed('npm ci', () => run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']));
    writeFileSync(STAMP, lock);
  }
  // The package as a partner installs it: a tarball made by `npm pack`.
  const packs = mkdtempSync(join(tmpdir(), 'vivo-react-pack-'));
  try {
    const [{ filename }] = JSON.parse(timed('npm pack', () => run('npm', ['pack', PKG, '--pack-destination', packs, '--json', '--silent'])));
    timed('npm install tarball', () =>
      run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--offline', '--loglevel=error', join(packs, filename)]),
    );
  } finally {
    rmSync(packs, { recursive: true, force: true });
  }
  timed('tsc --strict', () => run('node_modules/.bin/tsc', ['--strict', '--noEmit', '-p', 'tsconfig.json']));
  timed('vite build', () => run('node_modules/.bin/vite', ['build'], { NODE_ENV: 'development' }));
  rmSync(SERVED, { recursive: true, force: true });
  cpSync(join(DIR, 'dist'), SERVED, { recursive: true });
});

after(() => {
  rmSync(SERVED, { recursive: true, force: true });
  console.log(`react app set-up (ms): ${JSON.stringify(timings)}`);
});

const ctx = useBrowser();

/** Counts every iframe ever inserted (StrictMode's mount, cleanup, mount inserts two): an init script. */
function countIframesAdded() {
  window.iframesAdded = 0;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'IFRAME') window.iframesAdded++;
  }).observe(document, { childList: true, subtree: true });
}

/** Iframes and window message listeners now. */
const count = (page) => page.evaluate(() => ({ iframes: document.querySelectorAll('iframe').length, listeners: window.messageListeners() }));

async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

describe('React 19 app (StrictMode on)', { timeout: 120_000 }, () => {
  it('the installed package is the packed tarball, not a symlink, with the element entry', () => {
    const installed = join(DIR, 'node_modules/vivomeetings-embed');
    assert.ok(!execFileSync('find', [installed, '-maxdepth', '0', '-type', 'l'], { encoding: 'utf8' }).trim(), 'a symlink');
    for (const f of ['element.js', 'element.d.ts', 'index.js', 'README.md', 'LICENSE']) assert.ok(existsSync(join(installed, f)), f);
    assert.ok(readFileSync(join(DIR, 'dist/index.html'), 'utf8').includes('./assets/'));
  });

  for (const [mode, expectedName] of [
    ['element', 'React Element'],
    ['effect', 'React Effect'],
  ]) {
    it(`${mode === 'element' ? '<vivo-meeting onleave>' : 'embedMeeting + cleanup in useEffect'}: one iframe and one listener after mount, unmount and remount; a real leave`, async () => {
      const { page } = await ctx.open();
      await page.addInitScript(countWindowMessageListeners);
      await page.addInitScript(countIframesAdded);
      await page.goto(`${APP}/e2e/element-react/index.html?mode=${mode}`);
      const frame = page.frameLocator('iframe');
      await frame.locator('#hangup').waitFor();
      await settle(page);
      assert.deepEqual(await count(page), { iframes: 1, listeners: 1 }, 'after the StrictMode double mount');
      // StrictMode is on: the effect ran, was cleaned up and ran again (two
      // iframes made, one left); the element is one DOM node (one iframe made).
      assert.equal(await page.evaluate(() => window.iframesAdded), mode === 'effect' ? 2 : 1);
      assert.equal(await frame.locator('dd[data-param="name"]').textContent(), expectedName);
      const src = await page.getAttribute('iframe', 'src');
      if (mode === 'element') {
        assert.equal(src, `${PLATFORM}/conf/call/123456?name=React+Element&skip_join=true&mute=camera,mic&theme=dark`);
        // onload: the element's load event reached React's handler (which re-rendered).
        await page.locator('vivo-meeting[data-loaded="yes"]').waitFor();
        // React re-renders with a new (equal) params object: the meeting stays.
        assert.equal(await page.evaluate(() => document.querySelector('vivo-meeting').getAttribute('params')), null);
      } else {
        assert.equal(src, `${PLATFORM}/conf/call/123456?name=React+Effect&skip_join=true`);
      }
      const first = await page.evaluateHandle(() => document.querySelector('iframe'));

      await page.click('#toggle'); // unmount
      await settle(page);
      assert.deepEqual(await count(page), { iframes: 0, listeners: 0 }, 'after unmount');
      assert.equal(await first.evaluate((iframe) => iframe.isConnected), false);

      await page.click('#toggle'); // remount
      await frame.locator('#hangup').waitFor();
      await settle(page);
      assert.deepEqual(await count(page), { iframes: 1, listeners: 1 }, 'after remount');

      // A re-render of the parent (the leave updates its state) keeps the meeting.
      const kept = await page.evaluateHandle(() => document.querySelector('iframe'));
      await frame.locator('#kicked').click();
      await page.locator('#left', { hasText: 'kicked' }).waitFor();
      await settle(page);
      assert.equal(await page.textContent('#left'), 'kicked');
      assert.equal(await kept.evaluate((iframe) => iframe.isConnected && iframe === document.querySelector('iframe')), true);
      assert.deepEqual(await count(page), { iframes: 1, listeners: 1 });
      await ctx.session.finish();
    });
  }
});
