// The npm consumer check: e2e/consumer/ installs the built package as a
// dependency (file:../../pkg), type-checks a file using the whole API with
// `tsc --strict --noEmit` (its @ts-expect-error lines prove that wrong
// options are rejected), bundles it with Vite, and the built app (served by
// the stand-in under /consumer/) embeds a meeting in headless Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { APP, PLATFORM, useBrowser } from './helpers.mjs';

const DIR = fileURLToPath(new URL('./consumer/', import.meta.url));
const bin = (name) => `${DIR}node_modules/.bin/${name}`;

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    assert.fail(`${cmd} ${args.join(' ')} failed (exit ${error.status}):\n${error.stdout}\n${error.stderr}`);
  }
}

before(async () => {
  // Install the consumer's dependencies when missing or stale. `npm install`
  // (it follows package-lock.json) rather than `npm ci`: vite 8.4.0 names an
  // optional dependency (napi-windows-process-start-time) that the registry
  // does not have, so it is absent from the lock and `npm ci` refuses the lock.
  const marker = `${DIR}node_modules/.package-lock.json`;
  if (!existsSync(marker) || statSync(`${DIR}package-lock.json`).mtimeMs > statSync(marker).mtimeMs) {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
  }
});
// Registered after the install hook above, so Chromium launches after it.
const ctx = useBrowser();

describe('npm consumer (TypeScript + Vite)', () => {
  it('type-checks the whole API with tsc --strict (wrong options are compile errors)', () => {
    // The installed package is the freshly built pkg/ (a file: link).
    const installed = fileURLToPath(new URL('./consumer/node_modules/vivomeetings-embed/package.json', import.meta.url));
    assert.ok(existsSync(installed), 'vivomeetings-embed is not installed in e2e/consumer');
    run(bin('tsc'), ['--strict', '--noEmit', '-p', 'tsconfig.json']);
  });

  it('builds with Vite', () => {
    run(bin('vite'), ['build']);
    const assets = readdirSync(`${DIR}dist/assets`);
    assert.ok(existsSync(`${DIR}dist/index.html`));
    assert.ok(assets.some((f) => /^vivomeetings_embed_bg-.*\.wasm$/.test(f)), `no wasm asset emitted: ${assets}`);
    assert.ok(assets.some((f) => f.endsWith('.js')));
  });

  it('the built app embeds a meeting from the stand-in and receives the leave', async () => {
    assert.ok(existsSync(`${DIR}dist/index.html`), 'run the Vite build first');
    const { page, context } = await ctx.open();
    await page.goto(`${APP}/consumer/`);
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    assert.equal(await page.textContent('#status'), `ready ${PLATFORM}`);
    const url = `${PLATFORM}/conf/call/123456?name=Vite+Consumer&skip_join=true&mute=camera&view=left_side_speaker&hide_chat=true&lang=en&seats=4`;
    assert.equal(await page.textContent('#url'), url);
    assert.equal(
      await page.textContent('#errors'),
      'insecure_domain invalid_access_code invalid_option invalid_option param_conflict container_not_found invalid_host_id unsafe_redirect',
    );
    const iframe = page.locator('#room iframe');
    assert.equal(await iframe.getAttribute('src'), url);
    assert.equal(await iframe.getAttribute('title'), 'Consumer meeting');
    const frame = page.frameLocator('#room iframe');
    assert.equal(await frame.locator('dd[data-param="seats"]').textContent(), '4');
    assert.equal(await page.frameLocator('#stream iframe').locator('#access-code').textContent(), '123456');
    const signIn = page.frameLocator('#signin iframe');
    await signIn.locator('#dashboard').waitFor();
    assert.equal(await signIn.locator('#signed-in').textContent(), 'John Host (host 8)');

    await frame.locator('#hangup').click();
    await page.locator('#left', { hasText: 'left' }).waitFor();
    const events = await page.$$eval('#events li', (items) => items.map((li) => li.textContent));
    assert.deepEqual(events.filter((e) => !e.startsWith('message:')).sort(), [
      'iframe:Consumer meeting:true',
      'leave:left',
      'once:left',
    ]);
    assert.deepEqual(events.filter((e) => e.startsWith('message:')), ['message:vivomeetingsLeaveCallEvent']);
    // The app destroyed the meeting once `left` resolved.
    await iframe.waitFor({ state: 'detached' });

    const [tab] = await Promise.all([context.waitForEvent('page'), page.click('#sign-in-new-tab')]);
    await tab.waitForURL(`${PLATFORM}/conf/calls/upcoming`);
    assert.equal(await tab.textContent('#signed-in'), 'John Host (host 8)');
    await ctx.session.finish();
  });
});
