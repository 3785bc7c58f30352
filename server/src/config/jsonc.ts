// jsonc-parser behind one function: bundled apart from the server (dist/jsonc.js, LAZY in
// scripts/build.mjs) and loaded when a configuration file is first read.

import { parseTree, printParseErrorCode, type Node } from 'jsonc-parser';

/** The tree of a JSON-with-comments text (trailing commas allowed) and its syntax errors, each named. */
export function parseJsonc(text: string): { root: Node | undefined; errors: { offset: number; length: number; error: string }[] } {
  const errors: { offset: number; length: number; error: number }[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return { root, errors: errors.map((e) => ({ offset: e.offset, length: e.length, error: printParseErrorCode(e.error) })) };
}
