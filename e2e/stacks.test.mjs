// Every partner stack, proven: a consumer project per stack under
// e2e/stacks/<name>/ (each with its own package.json and package-lock.json)
// installs the package the way a partner installs a local build, `npm pack`
// of pkg/ then `npm install <tarball>` (e2e/stacks/lib.mjs: packed once per
// run, installed only when node_modules does not match the lockfile + the
// tarball), builds with the stack's own tool and the README's recipe, and
//   - browser stacks: the page embeds a meeting into a container, the iframe
//     shows, and a real leave from the stand-in's room (#kicked inside the
//     frame) reaches the page's on('leave'); no console error anywhere;
//   - server code: builds the right meeting link with no init call.
// VIVO_STACKS=vite,next-turbopack (a comma-separated list of node,
// script-tag, vite, webpack5, esbuild, rollup, next-turbopack, next-webpack)
// runs only those; VIVO_STACKS=-next-webpack runs all but those named with
// a leading '-'. The default is all of them.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { PLATFORM, useBrowser } from './helpers.mjs';
import { STACKS, freePort, installStack, run, serveStatic, startServer } from './stacks/lib.mjs';

const RUNS = ['node', 'script-tag', 'vite', 'webpack5', 'esbuild', 'rollup', 'next-turbopack', 'next-webpack'];
const named = (process.env.VIVO_STACKS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
for (const choice of named) {
  assert.ok(RUNS.includes(choice.replace(/^-/, '')), `VIVO_STACKS: unknown stack ${choice} (known: ${RUNS.join(', ')})`);
}
let chosen = named;
if (named.every((n) => n.startsWith('-'))) chosen = RUNS.filter((r) => !named.includes(`-${r}`));
/** `{ skip }` for a run left out by VIVO_STACKS. */
const only = (choice) => ({ skip: chosen.includes(choice) ? false : 'not in VIVO_STACKS' });
/** The project directories of the chosen runs. */
const NAMES = [...new Set(chosen.map((choice) => choice.replace(/^next-.*/, 'next')))];
const dir = (name) => join(STACKS, name);
const bin = (name, tool) => join(STACKS, name, 'node_modules/.bin', tool);
/** The URL every stack's page embeds (accessCode 123456, name "Stack Check"). */
const ROOM = `${PLATFORM}/conf/call/123456?name=Stack+Check`;

// Every stack's install starts at once (npm spends most of a cold install
// waiting on the network); each stack's tests wait for their own.
const installs = {};
// Next.js's builds are the slow part: each starts in the background as soon
// as Next.js is installed (Turbopack, then webpack, each into its own
// distDir), while the other stacks' tests run.
const NEXT_BUILDS = [
  ['next-turbopack', 'build', 'next build (Turbopack)'],
  ['next-webpack', 'build:webpack', 'next build --webpack'],
];
const nextDist = (choice) => `.next-${choice.replace(/^next-/, '')}`;
const nextBuilds = {};
before(() => {
  for (const name of NAMES) {
    installs[name] = installStack(name);
    installs[name].catch(() => {}); // reported by the stack's own tests
  }
  let previous = installs.next;
  for (const [choice, script] of NEXT_BUILDS.filter(([choice]) => chosen.includes(choice))) {
    const build = () =>
      run('npm', ['run', '--silent', script], {
        cwd: dir('next'),
        env: { NEXT_DIST_DIR: nextDist(choice) },
        timeout: 600_000,
      });
    // One build at a time; each runs whether or not the one before it failed.
    nextBuilds[choice] = previous.catch(() => {}).then(() => installs.next).then(build);
    nextBuilds[choice].catch(() => {}); // reported by the build's own test
    previous = nextBuilds[choice];
  }
});
const installed = (name) => installs[name];

// Registered after the install hook above, so Chromium launches after it starts.
const ctx = useBrowser();

/**
 * Opens `url` (the stack's page, told the platform's origin), checks the
 * embedded iframe, clicks the stand-in room's #kicked inside it, and waits
 * for the page's on('leave') to show the reason. Asserts no console error.
 */
async function embedAndLeave(t, url, check = async () => {}) {
  const { page } = await ctx.open();
  const warnings = [];
  const wasm = [];
  page.context().on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  page.context().on('response', (response) => {
    if (/\.wasm(\?|$)/.test(response.url())) {
      wasm.push(`${response.status()} ${response.headers()['content-type']} ${response.url()}`);
    }
  });
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}platform=${encodeURIComponent(PLATFORM)}`);
  const iframe = page.locator('#room iframe');
  await iframe.waitFor({ state: 'visible' });
  assert.equal(await iframe.getAttribute('src'), ROOM);
  assert.equal(await iframe.getAttribute('title'), 'Stack meeting');
  await page.frameLocator('#room iframe').locator('#kicked').click();
  await page.locator('#left', { hasText: 'kicked' }).waitFor();
  assert.equal(await page.textContent('#left'), 'kicked');
  await check(page);
  await ctx.session.finish();
  t.diagnostic(`wasm: ${wasm.join(', ') || 'no request'}`);
  for (const text of new Set(warnings)) t.diagnostic(`console warning: ${text}`);
}

/** Serves a built static site from `root` for the duration of `fn(origin)`. */
async function withStatic(root, fn) {
  const server = await serveStatic(root);
  try {
    return await fn(server.origin);
  } finally {
    await server.close();
  }
}

describe('plain Node 20 ESM (no init call; the server entry)', only('node'), () => {
  it('prints the right links and parses a webhook', async () => {
    await installed('node');
    const { stdout } = await run(process.execPath, ['links.js', PLATFORM], { cwd: dir('node') });
    assert.deepEqual(stdout.trim().split('\n'), [
      `${PLATFORM}/conf/call/123456?name=Steve+Irwin&skip_join=true`,
      `${PLATFORM}/livestream/123456`,
      'conference_end 8 42',
    ]);
  });
});

describe('script tag (the global bundle copied beside its wasm)', only('script-tag'), () => {
  before(async () => {
    await installed('script-tag');
    await run('npm', ['run', '--silent', 'build'], { cwd: dir('script-tag') });
  });
  it('in <head> with defer', (t) => withStatic(join(dir('script-tag'), 'public'), (origin) => embedAndLeave(t, `${origin}/defer.html`)));
  it('in <head> without defer: ready waits for the DOM', (t) =>
    withStatic(join(dir('script-tag'), 'public'), (origin) => embedAndLeave(t, `${origin}/head.html`)));
});

describe('Vite', only('vite'), () => {
  it('dev server (no config)', async (t) => {
    await installed('vite');
    const port = await freePort();
    const server = await startServer(bin('vite', 'vite'), ['--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: dir('vite'),
      readyPattern: /Local:/,
    });
    try {
      await embedAndLeave(t, `http://127.0.0.1:${port}/`);
      assert.doesNotMatch(server.output(), /error|allow list/i, server.output());
    } finally {
      await server.stop();
    }
  });
  it('production build (no config)', async (t) => {
    await installed('vite');
    rmSync(join(dir('vite'), 'dist'), { recursive: true, force: true });
    await run('npm', ['run', '--silent', 'build'], { cwd: dir('vite') });
    await withStatic(join(dir('vite'), 'dist'), (origin) => embedAndLeave(t, `${origin}/`));
  });
});

for (const [name, title] of [
  ['webpack5', 'webpack 5 (no config file)'],
  ['esbuild', 'esbuild (recipe: copy the .wasm beside the bundle)'],
  ['rollup', 'Rollup (recipe: node-resolve, copy the .wasm beside the bundle)'],
]) {
  describe(title, only(name), () => {
    it('builds, embeds and receives the leave', async (t) => {
      await installed(name);
      rmSync(join(dir(name), 'dist'), { recursive: true, force: true });
      await run('npm', ['run', '--silent', 'build'], { cwd: dir(name) });
      assert.ok(existsSync(join(dir(name), 'dist/main.js')));
      await withStatic(dir(name), (origin) => embedAndLeave(t, `${origin}/index.html`));
    });
  });
}

describe('Next.js (App Router: client component, server component, route handler)', () => {
  for (const [choice, , title] of NEXT_BUILDS) {
    it(`${title}, then next start`, only(choice), async (t) => {
      await installed('next');
      await nextBuilds[choice];
      const port = await freePort();
      const server = await startServer(bin('next', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
        cwd: dir('next'),
        env: { NEXT_DIST_DIR: nextDist(choice) },
        readyPattern: /Ready in/,
      });
      try {
        const origin = `http://127.0.0.1:${port}`;
        // A route handler builds a link on the server.
        const response = await fetch(`${origin}/link?platform=${encodeURIComponent(PLATFORM)}&code=654321`);
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { url: `${PLATFORM}/conf/call/654321?skip_join=true` });
        // A server component builds one too; the client component embeds.
        const serverLink = `${PLATFORM}/conf/call/123456?name=Next+Server`;
        await embedAndLeave(t, `${origin}/`, async (page) => {
          assert.equal(await page.textContent('#server-link'), serverLink);
        }).catch((e) => {
          throw new Error(`${e.message}\nnext start said:\n${server.output()}`);
        });
        assert.doesNotMatch(server.output(), /error/i, server.output());
      } finally {
        await server.stop();
      }
    });
  }
});
