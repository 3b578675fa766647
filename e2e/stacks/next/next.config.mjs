// Not a recipe: a partner's app needs no config for vivomeetings-embed.
export default {
  // This app sits inside another npm project (the repository root has its
  // own lockfile): without this, Next.js takes that as the workspace root and warns.
  outputFileTracingRoot: import.meta.dirname,
  // e2e/stacks.test.mjs builds with Turbopack and with webpack into separate
  // folders, so that each keeps its own build cache.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};
