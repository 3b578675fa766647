// The package's public TypeScript declarations, normalised for review:
// pkg/index.d.ts + pkg/vivomeetings_embed.d.ts without wasm-bindgen's
// internal `InitOutput` export list (hashed names that change with any
// code change) and with the runtime snippet's hashed path made stable.
// `node scripts/dts.mjs --write` refreshes docs/vivomeetings-embed.d.ts, the
// reference copy that docs/readme.test.mjs compares with.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const read = (p) => readFileSync(new URL(p, root), 'utf8');

export function publicDts() {
  const glue = read('pkg/vivomeetings_embed.d.ts').replace(/export interface InitOutput \{[\s\S]*?\n\}\n/, '');
  const index = read('pkg/index.d.ts').replace(/snippets\/vivomeetings-embed-[0-9a-f]+\//g, 'snippets/<hash>/');
  return `// pkg/index.d.ts\n${index}\n// pkg/vivomeetings_embed.d.ts (InitOutput omitted)\n${glue}`;
}

export const REFERENCE = 'docs/vivomeetings-embed.d.ts';

if (process.argv.includes('--write')) {
  writeFileSync(new URL(REFERENCE, root), publicDts());
  console.log(`wrote ${REFERENCE}`);
}
