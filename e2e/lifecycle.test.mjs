// The embed handle's lifecycle through the npm package in a real page:
// no listener or memory left behind after 1,000 embed/destroy cycles,
// destroy inside a leave callback, the order of `left`, `message` and
// `leave`, once, off, callback exceptions, two meetings on one page, and
// free() / [Symbol.dispose]() / garbage collection of a handle (the handle
// is the JS class of js/embed.js; `using` needs a real page).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APP, countWindowMessageListeners, PLATFORM, useBrowser } from './helpers.mjs';

const ctx = useBrowser(['--js-flags=--expose-gc']);


async function openLab() {
  const { page } = await ctx.open();
  await page.addInitScript(countWindowMessageListeners);
  await page.goto(`${APP}/e2e/lifecycle.html`);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  assert.equal(await page.evaluate(() => window.messageListeners()), 0);
  return page;
}

/** Embeds a meeting in #a and records its events in window.seen. */
async function embed(page, script) {
  await page.evaluate(script);
  await page.frameLocator('#a iframe').locator('#hangup').waitFor();
}

const seen = (page) => page.evaluate(() => window.seen);
const frameA = (page) => page.frameLocator('#a iframe');

describe('embed lifecycle', () => {
  it('1,000 embed/destroy cycles leave no message listener and do not grow wasm memory', async () => {
    const page = await openLab();
    const result = await page.evaluate(async () => {
      const { vivo } = window.lab;
      const container = document.getElementById('a');
      const settle = async () => {
        // Let FinalizationRegistry callbacks and pending tasks run.
        for (let i = 0; i < 3; i++) {
          window.gc();
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      };
      let maxListeners = 0;
      const cycles = async (n) => {
        for (let i = 0; i < n; i++) {
          const m = vivo.embedMeeting(container, { accessCode: `cycle-${i}`, name: 'Cycle', onLeave() {} });
          m.on('message', () => {});
          m.once('leave', () => {});
          maxListeners = Math.max(maxListeners, window.messageListeners());
          m.destroy();
          if (i % 100 === 99) await settle();
        }
      };
      await cycles(100);
      await settle();
      const at100 = window.lab.memory();
      await cycles(900);
      await settle();
      const at1000 = window.lab.memory();
      return { at100, at1000, maxListeners, listeners: window.messageListeners(), children: container.childElementCount };
    });
    assert.equal(result.maxListeners, 1, 'an embed should hold exactly one message listener');
    assert.equal(result.listeners, 0, 'message listeners left on window after destroy()');
    assert.equal(result.children, 0, 'iframes left in the container');
    assert.equal(result.at1000, result.at100, `wasm memory grew from ${result.at100} to ${result.at1000} bytes between cycle 100 and 1000`);
    await ctx.session.finish();
  });

  it('destroy() inside a leave callback is safe and hides nothing from that leave; the handle stays readable; destroy is idempotent', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      window.m = window.lab.vivo.embedMeeting('#a', {
        accessCode: '123456',
        onLeave(e) {
          window.m.destroy();
          window.seen.push(`leave:${e.reason}`);
        },
      });
      window.m.on('leave', (e) => window.seen.push(`second:${e.reason}`));
    });
    assert.equal(await page.evaluate(() => window.messageListeners()), 1);
    await frameA(page).locator('#kicked').click();
    await page.waitForFunction(() => window.seen.length > 0);
    await page.waitForTimeout(100);
    // destroy() stops later events, but every callback registered for this
    // one still runs (issue 10: it used to hide the ones after it).
    assert.deepEqual(await seen(page), ['leave:kicked', 'second:kicked']);
    const state = await page.evaluate(() => {
      window.m.destroy();
      return {
        listeners: window.messageListeners(),
        attached: window.m.iframe.isConnected,
        url: window.m.url,
        frames: document.querySelectorAll('iframe').length,
      };
    });
    assert.deepEqual(state, { listeners: 0, attached: false, url: `${PLATFORM}/conf/call/123456`, frames: 0 });
    await ctx.session.finish();
  });

  it('a leave callback that calls destroy() does not stop message subscribers from getting that leave', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      const m = (window.m = window.lab.vivo.embedMeeting('#a', {
        accessCode: '123456',
        onLeave(e) {
          window.seen.push(`leave:${e.reason}`);
          m.destroy();
        },
      }));
      // Subscribed after the destroying callback, and `left` checked from a
      // message callback: a resolved promise wins the race against one
      // resolved after it.
      const PENDING = {};
      m.on('message', (e) => {
        window.seen.push(`message:${e.type}:${e.data.reason}`);
        Promise.race([m.left, Promise.resolve(PENDING)]).then((v) =>
          window.seen.push(v === PENDING ? 'left pending at message' : `left resolved at message:${v.reason}`),
        );
      });
      m.once('message', (e) => window.seen.push(`once-message:${e.type}`));
      m.on('leave', (e) => window.seen.push(`after-destroy:${e.reason}`));
    });
    await frameA(page).locator('#blocked').click();
    await page.waitForFunction(() => window.seen.length >= 5);
    await page.waitForTimeout(100);
    assert.deepEqual(await seen(page), [
      'message:vivomeetingsLeaveCallEvent:blocked',
      'once-message:vivomeetingsLeaveCallEvent',
      'leave:blocked',
      'after-destroy:blocked',
      'left resolved at message:blocked',
    ]);
    assert.equal(await page.evaluate(() => window.messageListeners()), 0, 'destroyed');
    assert.equal(await page.locator('iframe').count(), 0);
    await ctx.session.finish();
  });

  it('once fires once, on fires each time, and left resolves once with the first leave', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      const m = (window.m = window.lab.vivo.embedMeeting('#a', { accessCode: '123456' }));
      m.once('leave', (e) => window.seen.push(`once:${e.reason}`));
      m.on('leave', (e) => window.seen.push(`on:${e.reason}`));
      m.once('message', (e) => window.seen.push(`once-message:${e.type}`));
      m.left.then((e) => window.seen.push(`left:${e.reason}`));
    });
    await frameA(page).locator('#kicked').click();
    await page.waitForFunction(() => window.seen.includes('left:kicked'));
    await frameA(page).locator('#blocked').click();
    await page.waitForFunction(() => window.seen.includes('on:blocked'));
    await frameA(page).locator('#other-reason').click();
    await page.waitForFunction(() => window.seen.includes('on:timeout'));
    // For a leave, `message` callbacks run first, then `leave` callbacks
    // (`left`'s then() runs after both, as a microtask).
    assert.deepEqual(await seen(page), [
      'once-message:vivomeetingsLeaveCallEvent',
      'once:kicked',
      'on:kicked',
      'left:kicked',
      'on:blocked',
      'on:timeout',
    ]);
    // `left` stays resolved with the first leave.
    assert.equal(await page.evaluate(async () => (await window.m.left).reason), 'kicked');
    assert.deepEqual(await page.evaluate(async () => await window.m.left), { type: 'leave', reason: 'kicked' });
    await page.evaluate(() => window.m.destroy());
    await ctx.session.finish();
  });

  it('off and the returned unsubscribe stop delivery; unknown event names are refused', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      const m = (window.m = window.lab.vivo.embedMeeting('#a', { accessCode: '123456' }));
      const a = (e) => window.seen.push(`a:${e.reason}`);
      const b = (e) => window.seen.push(`b:${e.type}`);
      m.on('leave', a);
      m.off('leave', a);
      const unsubscribe = m.on('message', b);
      unsubscribe();
      m.on('message', (e) => window.seen.push(`kept:${e.type}`));
      try {
        m.on('join', () => {});
      } catch (e) {
        window.seen.push(`error:${e instanceof window.lab.VivoMeetingsError}:${e.code}`);
      }
    });
    await frameA(page).locator('#unknown').click();
    await frameA(page).locator('#hangup').click();
    await page.waitForFunction(() => window.seen.includes('kept:vivomeetingsLeaveCallEvent'));
    await page.waitForTimeout(100);
    assert.deepEqual(await seen(page), [
      'error:true:invalid_option',
      'kept:vivomeetingsParticipantJoinedEvent',
      'kept:vivomeetingsLeaveCallEvent',
    ]);
    await page.evaluate(() => window.m.destroy());
    await ctx.session.finish();
  });

  it('an exception in one callback is reported once and does not stop the others', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      const m = (window.m = window.lab.vivo.embedMeeting('#a', {
        accessCode: '123456',
        onLeave: () => {
          throw new Error('partner callback failure');
        },
      }));
      m.on('leave', (e) => window.seen.push(`after-throw:${e.reason}`));
      m.left.then((e) => window.seen.push(`left:${e.reason}`));
    });
    await frameA(page).locator('#blocked').click();
    await page.waitForFunction(() => window.seen.length === 2);
    assert.deepEqual(await seen(page), ['after-throw:blocked', 'left:blocked']);
    // The library still works after the exception.
    await frameA(page).locator('#hangup').click();
    await page.waitForFunction(() => window.seen.includes('after-throw:left'));
    const errors = ctx.session.errors.filter((e) => /partner callback failure/.test(e.text));
    assert.equal(errors.length, 2, `expected one report per failing call, got ${JSON.stringify(ctx.session.errors)}`);
    await page.evaluate(() => window.m.destroy());
    await ctx.session.finish({ expected: [{ text: /partner callback failure/, times: [2, 2] }] });
  });

  it('two meetings on one page never hear each other', async () => {
    const page = await openLab();
    await page.evaluate(() => {
      window.seen = [];
      const { vivo } = window.lab;
      const watch = (name) => ({
        accessCode: name === 'a' ? '111' : '222',
        onLeave: (e) => window.seen.push(`${name}:leave:${e.reason}`),
        onRejected: (info) => window.seen.push(`${name}:rejected:${info.reason}:${info.origin}`),
      });
      window.ms = [vivo.embedMeeting('#a', watch('a')), vivo.embedMeeting('#b', watch('b'))];
    });
    await page.frameLocator('#b iframe').locator('#hangup').waitFor();
    assert.equal(await page.evaluate(() => window.messageListeners()), 2);
    await frameA(page).locator('#kicked').click();
    await page.waitForFunction(() => window.seen.length === 2);
    await page.frameLocator('#b iframe').locator('#blocked').click();
    await page.waitForFunction(() => window.seen.length === 4);
    assert.deepEqual((await seen(page)).sort(), [
      'a:leave:kicked',
      `a:rejected:source:${PLATFORM}`,
      `b:leave:blocked`,
      `b:rejected:source:${PLATFORM}`,
    ]);
    await page.evaluate(() => window.ms.forEach((m) => m.destroy()));
    assert.equal(await page.evaluate(() => window.messageListeners()), 0);
    await ctx.session.finish();
  });

  it('free() and [Symbol.dispose]() destroy the embed first; destroy() and free() after free() do nothing', async () => {
    const page = await openLab();
    for (const how of ['free()', '[Symbol.dispose]()', 'using']) {
      await embed(page, () => {
        window.seen = [];
        window.m = window.lab.vivo.embedMeeting('#a', {
          accessCode: '123456',
          onLeave: (e) => window.seen.push(`leave:${e.reason}`),
          onRejected: (info) => window.seen.push(`rejected:${info.reason}`),
        });
        window.m.on('message', (e) => window.seen.push(`message:${e.type}`));
        window.iframe = window.m.iframe;
      });
      assert.equal(await page.evaluate(() => window.messageListeners()), 1, how);
      assert.equal(await page.evaluate(() => window.m[Symbol.dispose] === window.m.free), true, how);
      // `using` is evaluated as a string: Node (which parses this file) may not know it.
      await page.evaluate(
        how === 'using' ? '{ using handle = window.m; }' : how === 'free()' ? 'window.m.free()' : 'window.m[Symbol.dispose]()',
      );
      const state = await page.evaluate(() => ({
        listeners: window.messageListeners(),
        attached: window.iframe.isConnected,
        frames: document.querySelectorAll('iframe').length,
        children: document.getElementById('a').childElementCount,
      }));
      assert.deepEqual(state, { listeners: 0, attached: false, frames: 0, children: 0 }, `${how} destroyed the embed`);
      // Afterwards every teardown call is a no-op (no throw, nothing logged).
      const after = await page.evaluate(() => {
        const calls = [() => window.m.destroy(), () => window.m.free(), () => window.m[Symbol.dispose](), () => window.m.destroy()];
        return calls.map((call) => {
          try {
            call();
            return 'ok';
          } catch (e) {
            return `threw ${e}`;
          }
        });
      });
      assert.deepEqual(after, ['ok', 'ok', 'ok', 'ok'], how);
      // A forged leave after free reaches nothing (the listener is gone).
      await page.evaluate(() => window.postMessage({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, '*'));
      await page.waitForTimeout(50);
      assert.deepEqual(await seen(page), [], how);
    }
    await ctx.session.finish();
  });

  it('garbage collection does not destroy an embed whose handle was dropped', async () => {
    const page = await openLab();
    await embed(page, () => {
      window.seen = [];
      // The handle is dropped at once; only a WeakRef tells when it is collected.
      window.ref = new WeakRef(
        window.lab.vivo.embedMeeting('#a', {
          accessCode: '123456',
          onLeave: (e) => window.seen.push(`leave:${e.reason}`),
        }),
      );
    });
    // The live embed's listener holds the handle, so no collection can end it.
    for (let i = 0; i < 5; i++) {
      await page.evaluate(async () => {
        window.gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    }
    assert.ok(await page.evaluate(() => window.ref.deref() !== undefined), 'the live embed keeps its handle');
    assert.equal(await page.evaluate(() => window.messageListeners()), 1, 'the listener stays');
    assert.equal(await page.locator('#a iframe').count(), 1, 'the iframe stays');
    // And it still works: the onLeave callback hears the frame.
    await frameA(page).locator('#kicked').click();
    await page.waitForFunction(() => window.seen.length > 0);
    assert.deepEqual(await seen(page), ['leave:kicked']);
    await ctx.session.finish();
  });
});
