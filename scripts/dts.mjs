// The package's published TypeScript declarations (pkg/index.d.ts, written
// by hand in js/index.d.ts) and the names of the values they declare.
// `node scripts/dts.mjs --write` refreshes docs/vivomeetings-embed.d.ts, the
// reviewed reference copy that docs/readme.test.mjs compares with, so every
// change to the published types shows up in review.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);

const DECLARATIONS = ['pkg/index.d.ts', 'pkg/enterprise.d.ts', 'pkg/enterprise_methods.d.ts'];

/** The published declarations, file by file, as one text. */
export const publicDts = () =>
  DECLARATIONS.map((file) => `// ${file}\n${readFileSync(new URL(file, root), 'utf8')}`).join('\n');

/** The value exports the declarations promise (classes, functions, constants, the default). */
export function declaredValues() {
  const names = [...publicDts().matchAll(/^export (?:declare )?(?:class|function|const) (\w+)/gm)].map((m) => m[1]);
  if (/^export default function/m.test(publicDts())) names.push('default');
  return [...new Set(names)].sort();
}

export const REFERENCE = 'docs/vivomeetings-embed.d.ts';

if (process.argv.includes('--write')) {
  writeFileSync(new URL(REFERENCE, root), publicDts());
  console.log(`wrote ${REFERENCE}`);
}
