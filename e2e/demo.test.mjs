// The demo partner app (www/) end to end: meeting options reach the room,
// leave reasons reach the partner page, forged messages are rejected, the
// embeds sit side by side, errors carry their code, keyboard use works.
// Also takes the README's screenshot (docs/demo.png).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { APP, PLATFORM, resolvePackageToPkg, useBrowser } from './helpers.mjs';
import { quantizePng } from './png.mjs';

// The README's screenshot. Every run writes e2e/artifacts/demo.png; the
// committed docs/demo.png is (re)written when it is missing or when
// VIVO_UPDATE_SCREENSHOT=1, so that `make test` leaves the tree clean.
const ARTIFACT = fileURLToPath(new URL('./artifacts/demo.png', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../docs/demo.png', import.meta.url));

const ctx = useBrowser();

async function openDemo(viewport = { width: 1440, height: 1000 }) {
  const { page } = await ctx.open({ viewport });
  await page.goto(`${APP}/`);
  await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
  return page;
}

const meetingFrame = (page) => page.frameLocator('#meeting-slot iframe');

/** The log entries as plain objects (newest first). */
function logEntries(page) {
  return page.$$eval('#log li', (items) => items.map((li) => ({ ...li.dataset, text: li.querySelector('.text').textContent })));
}

describe('demo partner app', () => {
  it('shows the meeting-room URL live and every option reaches the meeting page', async () => {
    const page = await openDemo();
    await page.fill('#access-code', 'demo-42');
    await page.fill('#name', 'Zoë Ünal & Co #1');
    // skip-join is checked by default.
    await page.check('#observer');
    await page.check('#mute-camera');
    await page.check('#mute-mic');
    await page.selectOption('#view', 'bottom_speaker');
    await page.check('#strip-layout');
    await page.fill('#params', 'hide_chat=true\n\nlang = de \n');

    const url = await page.textContent('#meeting-url');
    assert.equal(
      url,
      `${PLATFORM}/conf/call/demo-42?name=Zo%C3%AB+%C3%9Cnal+%26+Co+%231&skip_join=true&observer=true` +
        '&mute=camera,mic&view=bottom_speaker&strip_layout=true&hide_chat=true&lang=de',
    );
    assert.equal(await page.isHidden('#url-error'), true);

    await page.click('#embed-meeting');
    const iframe = page.locator('#meeting-slot iframe');
    assert.equal(await iframe.getAttribute('src'), url);
    const frame = meetingFrame(page);
    const param = (key) => frame.locator(`dd[data-param="${key}"]`).textContent();
    assert.equal(await frame.locator('#access-code').textContent(), 'demo-42');
    assert.equal(await param('name'), 'Zoë Ünal & Co #1');
    assert.equal(await param('skip_join'), 'true');
    assert.equal(await param('observer'), 'true');
    assert.equal(await param('mute'), 'camera,mic');
    assert.equal(await param('view'), 'bottom_speaker');
    assert.equal(await param('strip_layout'), 'true');
    assert.equal(await param('hide_chat'), 'true');
    assert.equal(await param('lang'), 'de');
    assert.deepEqual(
      await frame.locator('dd[data-param]').evaluateAll((dds) => dds.map((d) => d.dataset.param)),
      ['name', 'skip_join', 'observer', 'mute', 'view', 'strip_layout', 'hide_chat', 'lang'],
    );
    assert.equal(await frame.locator('#display-name').textContent(), 'Zoë Ünal & Co #1');
    assert.equal(await frame.locator('body').getAttribute('data-view'), 'bottom_speaker');
    await frame.locator('#observer-badge').waitFor();
    await frame.locator('#camera-off').waitFor();
    await frame.locator('#mic-off').waitFor();

    // Unchecking everything leaves the parameters out.
    for (const id of ['#skip-join', '#observer', '#mute-camera', '#mute-mic', '#strip-layout']) await page.uncheck(id);
    await page.selectOption('#view', '');
    await page.fill('#params', '');
    await page.fill('#name', '');
    assert.equal(await page.textContent('#meeting-url'), `${PLATFORM}/conf/call/demo-42`);
    await ctx.session.finish();
  });

  it('shows invalid input as an error with its code, and marks the input', async () => {
    const page = await openDemo();
    await page.fill('#access-code', '12/34');
    const error = page.locator('#url-error');
    await error.waitFor();
    assert.match(await error.textContent(), /^invalid_access_code accessCode: .*12\/34/);
    assert.equal(await page.getAttribute('#access-code', 'aria-invalid'), 'true');
    assert.equal(await page.textContent('#meeting-url'), '—');
    // Embedding is refused while the input is invalid: no iframe.
    await page.click('#embed-meeting');
    assert.equal(await page.locator('#meeting-slot iframe').count(), 0);

    await page.fill('#access-code', '123456');
    await error.waitFor({ state: 'hidden' });
    assert.equal(await page.getAttribute('#access-code', 'aria-invalid'), null);

    await page.fill('#params', 'name=Mallory');
    assert.match(await error.textContent(), /^param_conflict params\.name/);
    assert.equal(await page.getAttribute('#params', 'aria-invalid'), 'true');
    await page.fill('#params', 'not a pair');
    assert.match(await error.textContent(), /line 1: expected key=value/);
    await page.fill('#params', '');

    await page.fill('#livestream-code', 'a b');
    assert.match(await error.textContent(), /^invalid_access_code /);
    assert.equal(await page.getAttribute('#livestream-code', 'aria-invalid'), 'true');
    await page.fill('#livestream-code', '123456');

    // SSO input errors carry their code too.
    await page.fill('#sso-host-id', '08');
    await page.click('#sso-get-link');
    assert.match(await page.textContent('#sso-error'), /^invalid_host_id /);
    assert.equal(await page.getAttribute('#sso-host-id', 'aria-invalid'), 'true');
    await page.fill('#sso-host-id', '8');
    await page.fill('#sso-after-call', 'javascript:alert(1)');
    await page.click('#sso-iframe');
    assert.match(await page.textContent('#sso-error'), /^unsafe_redirect afterCallUrl/);
    assert.equal(await page.locator('#meeting-slot iframe').count(), 0);
    await ctx.session.finish();
  });

  for (const [button, reason] of [
    ['#hangup', 'left'],
    ['#kicked', 'kicked'],
    ['#blocked', 'blocked'],
  ]) {
    it(`delivers the leave reason '${reason}' to the partner page`, async () => {
      const page = await openDemo();
      await page.click('#embed-meeting');
      await meetingFrame(page).locator(button).click();
      const entry = page.locator(`#log li[data-kind="leave"][data-reason="${reason}"]`);
      await entry.waitFor();
      assert.equal(await entry.getAttribute('data-source'), 'meeting');
      // `left` resolved: the panel shows it.
      await page.locator('#meeting-state', { hasText: `left · ${reason}` }).waitFor();
      // The same message was also delivered as a `message` event.
      const messages = await page.$$eval('#log li[data-kind="message"]', (l) => l.map((li) => li.dataset.type));
      assert.deepEqual(messages, ['vivomeetingsLeaveCallEvent']);
      const leaves = (await logEntries(page)).filter((e) => e.kind === 'leave');
      assert.equal(leaves.length, 1);
      await ctx.session.finish();
    });
  }

  it('logs unknown messages, drops forged ones, and keeps the two embeds apart', async () => {
    const page = await openDemo();
    await page.click('#embed-meeting');
    await page.click('#embed-livestream');
    const stream = page.frameLocator('#livestream-slot iframe');
    assert.equal(await stream.locator('#access-code').textContent(), '123456');
    assert.equal(
      await page.getAttribute('#livestream-slot iframe', 'src'),
      `${PLATFORM}/livestream/123456`,
    );
    // Side by side: same row, no overlap.
    const a = await page.locator('#meeting-slot').boundingBox();
    const b = await page.locator('#livestream-slot').boundingBox();
    assert.ok(Math.abs(a.y - b.y) < 2 && a.x + a.width <= b.x, `not side by side: ${JSON.stringify({ a, b })}`);

    await meetingFrame(page).locator('#unknown').click();
    await page.locator('#log li[data-kind="message"][data-type="vivomeetingsParticipantJoinedEvent"]').waitFor();
    // The livestream embed heard the meeting frame's message and dropped it (wrong source).
    const dropped = page.locator('#log li[data-kind="rejected"][data-source="livestream"][data-reason="source"]');
    await dropped.waitFor();
    assert.equal(await dropped.getAttribute('data-origin'), PLATFORM);

    await page.click('#forge');
    for (const source of ['meeting', 'livestream']) {
      const entry = page.locator(`#log li[data-kind="rejected"][data-source="${source}"][data-reason="origin"]`);
      await entry.waitFor();
      assert.equal(await entry.getAttribute('data-origin'), APP);
    }
    const entries = await logEntries(page);
    assert.equal(entries.filter((e) => e.kind === 'leave').length, 0, 'a forged or foreign message was delivered as a leave');
    assert.equal(entries.filter((e) => e.kind === 'message' && e.source === 'livestream').length, 0);

    // Destroy removes both iframes and their listeners.
    await page.click('#destroy');
    assert.equal(await page.locator('iframe').count(), 0);
    await page.locator('#meeting-state', { hasText: 'destroyed' }).waitFor();
    const rejectedBefore = (await logEntries(page)).filter((e) => e.kind === 'rejected').length;
    await page.click('#forge');
    await page.locator('#log li[data-kind="info"]', { hasText: 'no embed is listening' }).waitFor();
    await page.waitForTimeout(100);
    const rejectedAfter = (await logEntries(page)).filter((e) => e.kind === 'rejected').length;
    assert.equal(rejectedAfter, rejectedBefore, 'a destroyed embed still reacted to a message');
    await ctx.session.finish();
  });

  it('works by keyboard with labelled controls', async () => {
    const page = await openDemo();
    const unlabelled = await page.$$eval('input, select, textarea', (els) =>
      els.filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).map((el) => el.id),
    );
    assert.deepEqual(unlabelled, []);
    const nonButtons = await page.$$eval('[onclick], div[tabindex], span[tabindex]', (els) => els.length);
    assert.equal(nonButtons, 0);

    // Enter in the room form embeds the room; Tab reaches the buttons; Space presses them.
    await page.focus('#access-code');
    await page.keyboard.press('Enter');
    await page.locator('#meeting-slot iframe').waitFor();
    await page.focus('#embed-meeting');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'embed-livestream');
    await page.keyboard.press('Space');
    await page.locator('#livestream-slot iframe').waitFor();
    // Focus is visible (an outline) on a keyboard-focused button.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await ctx.session.finish();
  });

  it('the meeting room stays usable in a small 600x400 embed (no tile covers its buttons)', async () => {
    const { page } = await ctx.open({ viewport: { width: 600, height: 400 } });
    for (const query of ['name=Small&view=bottom_speaker&mute=camera,mic&observer=true', 'view=left_side_speaker', 'strip_layout=true']) {
      await page.goto(`${PLATFORM}/conf/call/123456?${query}`);
      // click() checks that the button itself receives the click (nothing overlaps it).
      for (const id of ['#kicked', '#blocked', '#unknown', '#other-reason', '#hangup']) {
        await page.click(id, { timeout: 5000 });
      }
      assert.equal(await page.textContent('#status'), 'Left the meeting (left)');
    }
    await ctx.session.finish();
  });

  it('shows the webhooks the stand-in delivers to the receiver example, with its answers', async () => {
    resolvePackageToPkg();
    const { webhookListener } = await import('../docs/examples/webhook-receiver.mjs');
    const received = [];
    const server = createServer(webhookListener({ secret: 'demo-secret-0123456789', onEvent: (e) => received.push(e) }));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${server.address().port}/hooks/vivo?secret=demo-secret-0123456789`;
    const control = (path, body) =>
      fetch(`${PLATFORM}/__standin/webhooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      assert.equal((await control('endpoint', { url: endpoint })).status, 200);
      const page = await openDemo();
      await page.waitForTimeout(1600); // the first poll only takes note of earlier deliveries
      assert.equal((await control('send', { event: 'recording_ready' })).status, 200);
      const entry = page.locator('#log li[data-source="webhook"][data-kind="recording_ready"]');
      await entry.waitFor();
      assert.match(await entry.locator('.text').textContent(), /^receiver answered 200: \{.*"conference_id":801.*"host_id":8.*\}$/);
      assert.equal(received.at(-1).event, 'recording_ready');
      assert.equal(received.at(-1).hostId, 8);
      await ctx.session.finish();
    } finally {
      await control('endpoint', { url: null });
      server.close();
    }
  });

  it('takes the README screenshot (docs/demo.png)', async () => {
    const page = await openDemo({ width: 1440, height: 900 });
    await page.selectOption('#view', 'bottom_speaker');
    await page.check('#mute-camera');
    await page.click('#embed-meeting');
    await page.click('#embed-livestream');
    const frame = meetingFrame(page);
    await frame.locator('#display-name').waitFor();
    await page.frameLocator('#livestream-slot iframe').locator('#player').waitFor();
    await frame.locator('#unknown').click();
    await frame.locator('#kicked').click();
    await page.locator('#log li[data-kind="leave"]').waitFor();
    await page.click('#forge');
    await page.locator('#log li[data-kind="rejected"][data-reason="origin"]').first().waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    // Grow the viewport to the whole page first: a fullPage screenshot resizes
    // it on the fly and can catch the cross-origin frames mid-layout.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1440, height });
    await page.waitForFunction((h) => document.documentElement.scrollHeight === h && innerHeight === h, height);
    await page.waitForTimeout(500);
    const png = quantizePng(await page.screenshot());
    assert.ok(png.length < 300 * 1024, `the screenshot is ${png.length} bytes (budget 300 KB)`);
    mkdirSync(fileURLToPath(new URL('./artifacts/', import.meta.url)), { recursive: true });
    writeFileSync(ARTIFACT, png);
    if (!existsSync(SCREENSHOT) || process.env.VIVO_UPDATE_SCREENSHOT === '1') {
      mkdirSync(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
      writeFileSync(SCREENSHOT, png);
    }
    assert.ok(readFileSync(SCREENSHOT).length < 300 * 1024, 'docs/demo.png is over 300 KB');
    await ctx.session.finish();
  });
});
