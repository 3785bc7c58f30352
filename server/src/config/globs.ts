// picomatch behind one function: bundled apart from the server (dist/globs.js, LAZY in
// scripts/build.mjs) and loaded when a configuration file with `ignore` patterns is used.

import picomatch from 'picomatch';

/** A test of `/`-separated relative paths against glob patterns (dot files included). */
export function compileGlobs(patterns: string[]): (relative: string) => boolean {
  return picomatch(patterns, { dot: true });
}
