// Signing hosts in from the demo app (handbook section 10): form POST in
// this tab and in a new tab, the GET link, inside an iframe; bad
// credentials; after_call_url followed after hang-up. The token must never
// appear in a URL on the POST paths (browser history, requests, the
// stand-in's own request log).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, PLATFORM, authLog, httpError, marker, useBrowser } from './helpers.mjs';

const HOST = { id: '8', token: 'a1b2c3d4e5f6', name: 'John Host (host 8)', room: '1234567' };
const HOST9 = { id: '9', token: 'demo-token-9', name: 'Jane Host (host 9)', room: '7654321' };
const MEETING_ALLOW = 'camera;microphone;autoplay;display-capture';

const ctx = useBrowser();

/** Opens the demo and records every URL the context requests or navigates to. */
async function openDemo() {
  const { context, page } = await ctx.open({ viewport: { width: 1440, height: 1000 } });
  const urls = new Set();
  context.on('request', (request) => urls.add(request.url()));
  context.on('page', (tab) => tab.on('framenavigated', (frame) => urls.add(frame.url())));
  page.on('framenavigated', (frame) => urls.add(frame.url()));
  await page.goto(`${APP}/`);
  await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
  return { page, urls };
}

async function fillSso(page, { host = HOST, redirect = 'dashboard', room, afterCall = '' } = {}) {
  await page.fill('#sso-host-id', host.id);
  await page.fill('#sso-token', host.token);
  await page.selectOption('#sso-redirect', redirect);
  if (room) await page.fill('#sso-room-code', room);
  await page.fill('#sso-after-call', afterCall);
}

/** Clicks an SSO button and fails with the demo's error message if it shows one. */
async function ssoClick(page, button, { expectError = false } = {}) {
  await page.click(button);
  if (expectError) return;
  const error = await page.textContent('#sso-error');
  assert.ok(await page.isHidden('#sso-error'), `the demo showed an SSO error: ${error}`);
}

/** The URLs of a tab's session history, as the browser keeps them. */
async function historyUrls(context, page) {
  const cdp = await context.newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries.map((e) => e.url).filter((url) => url !== 'about:blank');
}

function assertNoToken(urls, token) {
  const leaks = [...urls].filter((u) => u.includes(token) || /login_token_public_key/i.test(u));
  assert.deepEqual(leaks, [], 'the token appeared in a URL');
}

/** The stand-in's log entries of this test, found by its after_call_url marker. */
async function ourAuthRequests(afterCall) {
  return (await authLog()).filter((e) => e.fields.after_call_url === afterCall);
}

describe('SSO from the demo app', () => {
  it('POST in this tab lands on the dashboard signed in; the token is in no URL', async () => {
    const { page, urls } = await openDemo();
    const afterCall = `/after-call?run=${marker('post')}`;
    await fillSso(page, { afterCall });
    await Promise.all([page.waitForURL(`${PLATFORM}/conf/calls/upcoming`), page.click('#sso-post')]);
    assert.equal(await page.textContent('#signed-in'), HOST.name);
    assert.equal(await page.textContent('#after-call-url'), afterCall);
    // The form is never left behind in the demo (it navigated away; check history instead).
    const history = await historyUrls(ctx.session.context, page);
    assert.deepEqual(history, [`${APP}/`, `${PLATFORM}/conf/calls/upcoming`]);
    assertNoToken(history, HOST.token);
    assertNoToken(urls, HOST.token);
    assert.ok(urls.has(`${PLATFORM}/auth`), 'the POST to /auth was not seen');

    const [entry, ...more] = await ourAuthRequests(afterCall);
    assert.equal(more.length, 0);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.url, '/auth');
    assert.equal(entry.content_type, 'application/x-www-form-urlencoded');
    assert.deepEqual(entry.fields, {
      after_call_url: afterCall,
      host_id: HOST.id,
      login_token_public_key: HOST.token,
      redirect_url: '/conf/calls/upcoming',
    });
    assert.equal(entry.status, 303);

    // Back to the partner app: the demo still works.
    await page.goBack();
    await page.waitForURL(`${APP}/`);
    await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
    await ctx.session.finish();
  });

  it('POST in a new tab opens a signed-in tab and leaves the demo in place', async () => {
    const { page, urls } = await openDemo();
    const afterCall = `/after-call?run=${marker('newtab')}`;
    await fillSso(page, { host: HOST9, afterCall });
    const [tab] = await Promise.all([ctx.session.context.waitForEvent('page'), page.click('#sso-post-new-tab')]);
    await tab.waitForURL(`${PLATFORM}/conf/calls/upcoming`);
    assert.equal(await tab.textContent('#signed-in'), HOST9.name);
    assert.equal(await tab.evaluate(() => window.opener), null, 'the new tab can reach the partner page (no noopener)');
    assert.equal(page.url(), `${APP}/`);
    assert.equal(await page.locator('form[action$="/auth"]').count(), 0, 'the sign-in form was left in the page');
    assertNoToken(await historyUrls(ctx.session.context, tab), HOST9.token);
    assertNoToken(urls, HOST9.token);
    const [entry] = await ourAuthRequests(afterCall);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.url, '/auth');
    assert.equal(entry.status, 303);
    await ctx.session.finish();
  });

  it('GET link is shown with a warning and signs in when followed', async () => {
    const { page } = await openDemo();
    await fillSso(page, { redirect: 'room', room: HOST.room });
    assert.equal(await page.isHidden('#sso-link-box'), true);
    await ssoClick(page, '#sso-get-link');
    const link = page.locator('#sso-link');
    await link.waitFor();
    const href = await link.getAttribute('href');
    assert.equal(
      href,
      `${PLATFORM}/auth?host_id=8&login_token_public_key=${HOST.token}&redirect_url=%2Fconf%2Fcall%2F${HOST.room}%3Fskip_join%3Dtrue`,
    );
    assert.equal(await link.textContent(), href);
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await page.isVisible('#sso-link-warning'), true);
    assert.match(await page.textContent('#sso-link-warning'), /token in the URL/);
    // Changing an input hides the stale link.
    await page.fill('#sso-after-call', '/after-call');
    assert.equal(await page.isHidden('#sso-link-box'), true);
    await ssoClick(page, '#sso-get-link');

    const [tab] = await Promise.all([ctx.session.context.waitForEvent('page'), link.click()]);
    await tab.waitForURL(`${PLATFORM}/conf/call/${HOST.room}?skip_join=true`);
    assert.equal(await tab.textContent('#signed-in'), HOST.name);
    assert.equal(await tab.getAttribute('body', 'data-after-call-url'), '/after-call');
    await ctx.session.finish();
  });

  it('signs in inside an iframe and lands on the dashboard', async () => {
    const { page, urls } = await openDemo();
    await fillSso(page);
    await ssoClick(page, '#sso-iframe');
    const iframe = page.locator('#meeting-slot iframe');
    assert.equal(await iframe.getAttribute('referrerpolicy'), 'no-referrer');
    assert.equal(await iframe.getAttribute('allow'), MEETING_ALLOW);
    assert.equal(
      await iframe.getAttribute('src'),
      `${PLATFORM}/auth?host_id=8&login_token_public_key=${HOST.token}&redirect_url=%2Fconf%2Fcalls%2Fupcoming`,
    );
    const frame = page.frameLocator('#meeting-slot iframe');
    await frame.locator('#dashboard').waitFor();
    assert.equal(await frame.locator('#signed-in').textContent(), HOST.name);
    assert.equal(await frame.locator('#room-link').getAttribute('href'), `/conf/call/${HOST.room}`);
    await page.locator('#meeting-panel-title', { hasText: 'Host sign-in · host 8' }).waitFor();
    // The iframe path is the GET of 10.2, so the token is in the frame's
    // first URL by design; the partner page's own history is untouched.
    assert.deepEqual(await historyUrls(ctx.session.context, page), [`${APP}/`]);
    assert.ok([...urls].some((u) => u.startsWith(`${PLATFORM}/auth?`)));
    await ctx.session.finish();
  });

  for (const [label, afterCall, landing, heading] of [
    ['a platform path', '/after-call', () => `${PLATFORM}/after-call`, '#after-call'],
    ['an absolute URL (the partner app)', `${APP}/after-call.html`, () => `${APP}/after-call.html`, '#partner-after-call'],
  ]) {
    it(`signs in inside an iframe into the room; hang-up reports the leave and follows after_call_url (${label})`, async () => {
      const { page } = await openDemo();
      await fillSso(page, { redirect: 'room', room: HOST.room, afterCall });
      await ssoClick(page, '#sso-iframe');
      const frame = page.frameLocator('#meeting-slot iframe');
      await frame.locator('#hangup').waitFor();
      assert.equal(await frame.locator('#signed-in').textContent(), HOST.name);
      assert.equal(await frame.locator('#access-code').textContent(), HOST.room);
      assert.equal(await frame.locator('body').getAttribute('data-after-call-url'), afterCall);

      await frame.locator('#hangup').click();
      const leave = page.locator('#log li[data-kind="leave"][data-source="sign-in"][data-reason="left"]');
      await leave.waitFor();
      await frame.locator(heading).waitFor();
      const child = page.frames().find((f) => f.parentFrame() === page.mainFrame());
      assert.equal(child.url(), landing());
      await page.locator('#meeting-state', { hasText: 'left · left' }).waitFor();
      await ctx.session.finish();
    });
  }

  it('bad credentials show the 401 page (this tab and iframe)', async () => {
    const { page, urls } = await openDemo();
    await fillSso(page, { host: { id: '8', token: 'wrong-token' } });
    await page.click('#sso-iframe');
    const frame = page.frameLocator('#meeting-slot iframe');
    await frame.locator('#auth-error').waitFor();
    assert.equal(await frame.locator('#auth-error').textContent(), 'Sign-in failed');

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${PLATFORM}/auth` && r.request().method() === 'POST'),
      page.click('#sso-post'),
    ]);
    assert.equal(response.status(), 401);
    await page.waitForURL(`${PLATFORM}/auth`);
    assert.equal(await page.textContent('#auth-error'), 'Sign-in failed');
    assertNoToken(await historyUrls(ctx.session.context, page), 'wrong-token');
    assert.ok(urls.size > 0);
    // Chromium logs the 401 status line of each failed sign-in document (the
    // iframe's both in the frame and in its embedder), and nothing else.
    await ctx.session.finish({
      expected: [
        httpError(401, `${PLATFORM}/auth?host_id=8&login_token_public_key=wrong-token&redirect_url=%2Fconf%2Fcalls%2Fupcoming`, [1, 2]),
        httpError(401, `${PLATFORM}/auth`),
      ],
    });
  });
});
