// The README's examples are the files in docs/examples/, verbatim, and they
// run: in Node (server-side links) and in headless Chromium against the
// platform stand-in (embedding, events, sign-in, the script tag). Also: the
// published TypeScript declarations match the reviewed reference copy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { APP, PLATFORM, launch, openSession } from '../e2e/helpers.mjs';
import { declaredValues, publicDts, REFERENCE } from '../scripts/dts.mjs';

const root = new URL('../', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = (name) => readFileSync(join(root, 'docs/examples', name), 'utf8');
const EXAMPLES = ['embed-meeting.js', 'events.js', 'script-tag.html', 'server-links.mjs', 'sign-in.js', 'token-exchange.mjs', 'webhook-receiver.mjs', 'webhook-worker.js'];

/** The example with the README's placeholder platform replaced by the stand-in. */
const onStandIn = (source) => source.replaceAll("'acme.vivomeetings.com'", JSON.stringify(PLATFORM));

test('every README example is a docs/examples file, verbatim, after its marker', () => {
  for (const name of EXAMPLES) {
    const marker = `<!-- example: docs/examples/${name} -->\n`;
    const at = readme.indexOf(marker);
    assert.ok(at >= 0, `README has no marker for ${name}`);
    const block = readme.slice(at + marker.length).match(/^```\w*\n([\s\S]*?)\n```/);
    assert.ok(block, `no code block after the marker for ${name}`);
    assert.equal(block[1], example(name).trimEnd(), `README's ${name} differs from docs/examples/${name}`);
  }
});

test('the published TypeScript declarations match the reference copy', () => {
  const reference = readFileSync(join(root, REFERENCE), 'utf8');
  assert.equal(publicDts(), reference, `declarations changed: review them, then run node scripts/dts.mjs --write`);
});

test('the declarations name exactly the values each entry exports', async () => {
  const declared = declaredValues();
  const node = await import(join(root, 'pkg/node.js'));
  assert.deepEqual(Object.keys(node).sort(), declared, 'pkg/node.js');
  // index.js is for browsers; its export list is read without running it.
  const src = readFileSync(join(root, 'pkg/index.js'), 'utf8');
  const exported = [...src.matchAll(/export\s*\{([^}]*)\}/g)]
    .flatMap((m) => m[1].split(','))
    .map((s) => s.trim().split(/\s+as\s+/).pop())
    .filter(Boolean)
    .sort();
  assert.deepEqual(exported, declared, 'pkg/index.js');
});

test('server-links.mjs prints exactly the URLs its comments promise', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vivo-readme-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(root, 'pkg'), join(dir, 'node_modules/vivomeetings-embed'));
    copyFileSync(join(root, 'docs/examples/server-links.mjs'), join(dir, 'server-links.mjs'));
    const out = execFileSync(process.execPath, ['server-links.mjs'], { cwd: dir, encoding: 'utf8' });
    const promised = [...example('server-links.mjs').matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]);
    assert.equal(promised.length, 3);
    assert.deepEqual(out.trimEnd().split('\n'), promised);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

let browser;
before(async () => {
  // The host pages below are served by Playwright (route.fulfill), which
  // Chromium files under the public address space, so its Local Network
  // Access checks would block their loopback iframes. Real partner pages
  // (and every other e2e test) are served from loopback and need no flag.
  browser = await launch(['--disable-features=LocalNetworkAccessChecks']);
});
after(async () => {
  await browser?.close();
});

/** Serves a host page for a module example under APP/__readme/, with an import map for the bare specifier. */
async function hostModuleExample(page, name, body) {
  await page.route(`${APP}/__readme/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/__readme/example.js') {
      return route.fulfill({ contentType: 'text/javascript', body: onStandIn(example(name)) });
    }
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title>
<script type="importmap">{"imports":{"vivomeetings-embed":"/pkg/index.js"}}</script></head>
<body>${body}<script type="module" src="/__readme/example.js"></script></body></html>`,
    });
  });
  await page.goto(`${APP}/__readme/`);
}

test('embed-meeting.js embeds the room with its options and reacts to a hang-up', async () => {
  const session = await openSession(browser);
  const { page } = session;
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await hostModuleExample(page, 'embed-meeting.js', '<div id="room" style="height:600px"></div><p id="status"></p>');
  const frame = page.frameLocator('#room iframe');
  await frame.locator('dd[data-param="name"]').waitFor();
  assert.equal(await frame.locator('dd[data-param="name"]').textContent(), 'Steve Irwin');
  assert.equal(await frame.locator('dd[data-param="mute"]').textContent(), 'camera');
  assert.equal(await frame.locator('dd[data-param="view"]').textContent(), 'bottom_speaker');
  assert.ok(warnings.includes('invalid_option view'), `warnings: ${warnings}`);
  await frame.locator('#hangup').click();
  await page.locator('#status', { hasText: 'You left the meeting.' }).waitFor();
  assert.equal(await page.locator('#room iframe').count(), 0, 'destroy() removed the iframe');
  await session.finish();
});

test('events.js logs messages, drops a forgery, and cleans up after the first leave', async () => {
  const session = await openSession(browser);
  const { page } = session;
  await hostModuleExample(page, 'events.js', '<div id="room" style="height:600px"></div><pre id="log"></pre>');
  const frame = page.frameLocator('#room iframe');
  await frame.locator('#unknown').click();
  await page.locator('#log', { hasText: 'message: vivomeetingsParticipantJoinedEvent' }).waitFor();
  await page.evaluate(() => window.postMessage({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, '*'));
  await page.locator('#log', { hasText: 'dropped a message (origin check)' }).waitFor();
  await frame.locator('#blocked').click();
  await page.locator('#log', { hasText: 'the call ended' }).waitFor();
  assert.equal(
    await page.locator('#log').textContent(),
    [
      'message: vivomeetingsParticipantJoinedEvent',
      `dropped a message (origin check) from ${APP}`,
      'message: vivomeetingsLeaveCallEvent',
      'left with reason: blocked',
      'the call ended (blocked): cleaning up',
      '',
    ].join('\n'),
  );
  assert.equal(await page.locator('#room iframe').count(), 0);
  await session.finish();
});

test('sign-in.js signs the host in by POST in a new tab and lands in the room', async () => {
  const session = await openSession(browser);
  const { page, context } = session;
  await page.route(`${APP}/api/vivomeetings/me`, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6' }) }),
  );
  await hostModuleExample(page, 'sign-in.js', '<button id="open-meetings">Open my meetings</button>');
  await page.waitForFunction(() => document.querySelector('#open-meetings'));
  await page.waitForTimeout(200); // the module registers its click handler after init()
  const [tab] = await Promise.all([context.waitForEvent('page'), page.click('#open-meetings')]);
  await tab.waitForLoadState();
  assert.equal(tab.url(), `${PLATFORM}/conf/call/123456?skip_join=true`);
  assert.equal(await tab.locator('#signed-in').textContent(), 'John Host (host 8)');
  assert.equal(await page.locator('form').count(), 0, 'the form is removed after submit');
  await session.finish();
});

test('script-tag.html works with only the classic script', async () => {
  const session = await openSession(browser);
  const { page } = session;
  await page.route(`${APP}/vendor/vivomeetings-embed/**`, async (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    route.fulfill({ response: await route.fetch({ url: `${APP}/pkg/${file}` }) });
  });
  await page.route(`${APP}/__readme/`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>script tag</title></head><body>${onStandIn(example('script-tag.html'))}</body></html>`,
    }),
  );
  await page.goto(`${APP}/__readme/`);
  const logged = page.waitForEvent('console', { predicate: (m) => m.text() === 'left the call: kicked', timeout: 10_000 });
  await page.frameLocator('#room iframe').locator('#kicked').click();
  await logged;
  assert.equal(await page.evaluate(() => typeof window.VivoMeetings.VivoMeetingsError), 'function');
  await session.finish();
});
