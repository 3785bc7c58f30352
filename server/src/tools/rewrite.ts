// What the generators (`npm run docs`) share: regenerate one file from its present text and
// write it only when it changed.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Rewrites `file` (resolved from the working folder) as `generate` makes it from its text; says what it did. */
export function rewriteFile(file: string, generate: (before: string) => string, what: string): void {
  const resolved = path.resolve(file);
  const before = fs.readFileSync(resolved, 'utf8');
  const after = generate(before);
  if (after !== before) fs.writeFileSync(resolved, after);
  console.log(`${after === before ? 'unchanged' : 'wrote'} ${resolved} (${what})`);
}
