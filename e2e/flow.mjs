// Test side of e2e/pages/flow.js: waits for the page's core flow, checks
// what it built, leaves the meeting from inside the frame and checks the
// events the partner page received.
import assert from 'node:assert/strict';
import { PLATFORM } from './helpers.mjs';

export async function runCoreFlow(page, { button, reason }) {
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  const url = `${PLATFORM}/conf/call/123456?name=Core+Flow&skip_join=true`;
  assert.equal(await page.textContent('#url'), url);
  assert.equal(await page.textContent('#error'), 'true VivoMeetingsError invalid_access_code accessCode');
  assert.equal(await page.getAttribute('#room iframe', 'src'), url);
  assert.equal(await page.getAttribute('#stream iframe', 'src'), `${PLATFORM}/livestream/123456`);
  const frame = page.frameLocator('#room iframe');
  assert.equal(await frame.locator('dd[data-param="name"]').textContent(), 'Core Flow');
  await frame.locator(button).click();
  await page.locator('#left', { hasText: reason }).waitFor();
  const events = () => page.$$eval('#events li', (items) => items.map((li) => li.textContent));
  // The livestream embed heard the meeting frame's message and dropped it.
  await page.locator('#events li', { hasText: 'stream-rejected:source' }).waitFor();
  // For a leave, `message` callbacks run before `leave` callbacks.
  assert.deepEqual(
    (await events()).filter((e) => !e.startsWith('stream-rejected')),
    ['message:vivomeetingsLeaveCallEvent', `leave:${reason}`],
  );
  await page.evaluate(() => {
    window.flow.meeting.destroy();
    window.flow.stream.destroy();
  });
  assert.equal(await page.locator('iframe').count(), 0);
}
