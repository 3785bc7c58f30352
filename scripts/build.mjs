// Bundles the client, the language server and the CLI with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { chmodSync, cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD module whose requires esbuild cannot follow: its ES module build instead.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/**
 * Dependencies the language server needs for some documents only. Each is bundled into a
 * file of its own beside dist/server.js and required on the first call of one of its
 * `exports`; in the server bundle, the module is a stub that does that.
 *
 * Why: the server stays resident. These two are more than half of its bundle, and every
 * byte of a loaded script stays in the heap as the script's source. Worse, Node reads a
 * script into a buffer that doubles as it grows; freeing a buffer of 2 MB (the bundle's
 * 1.36 MB) raises glibc's trim threshold to 4 MB, and from then on each malloc arena of
 * V8's worker threads keeps up to that much freed memory: about 12 MB of RSS with 200
 * reports open, against about 5 MB once the bundle is 0.6 MB.
 */
const LAZY = [
  // Files read from disk that are not UTF-8 (GB18030, UTF-16), io/decode.ts.
  { module: 'iconv-lite', file: 'iconv-lite.js', exports: ['decode', 'encode'] },
  // Documents with Traditional characters, engine/chinese.ts.
  { module: 'opencc-js/t2cn', file: 'opencc.js', exports: ['Converter'] },
  // Word files (fflate, saxes), io/docx.ts: imported as './docx' by io/report.ts only.
  { module: './docx', from: 'server/src/io/report.ts', source: './server/src/io/docx.ts', file: 'docx.js', exports: ['readDocx'] },
  // …and as '../io/docx' by cli/fix.ts, which the server's 「修复 DOCX 文件」 (features/docxFix.ts) runs: the same file.
  { module: '../io/docx', from: 'server/src/cli/fix.ts', source: './server/src/io/docx.ts', file: 'docx.js', exports: ['fixDocx'] },
  // Configuration files (.nianbao.jsonc), server/src/config/: jsonc-parser and picomatch, only when a file is found.
  { module: './jsonc', from: 'server/src/config/config.ts', source: './server/src/config/jsonc.ts', file: 'jsonc.js', exports: ['parseJsonc'] },
  { module: './globs', from: 'server/src/config/load.ts', source: './server/src/config/globs.ts', file: 'globs.js', exports: ['compileGlobs'] },
  // HTML reports, io/html.ts.
  { module: 'parse5', file: 'parse5.js', exports: ['parse'] },
  // PDFs, io/pdf.ts: pdf.js (about 2.5 MB) with its worker's code, server/src/io/pdfjsLib.ts.
  { module: './pdfjsLib', file: 'pdfjs.js', exports: ['loadPdfjs'], entry: 'server/src/io/pdfjsLib.ts' },
  // The CLI's `summary --xlsx`: the workbook writer with exceljs (about 1 MB), server/src/cli/summary/xlsx.ts.
  { module: './summary/xlsx', from: 'server/src/cli/summary.ts', file: 'xlsx.js', exports: ['writeXlsx'], entry: 'server/src/cli/summary/xlsx.ts' },
];

/**
 * esbuild plugin: `import { x } from 'module'` → a stub whose `x` requires ./file on first call.
 * The stub has only the listed exports: esbuild warns when code uses another one
 * ("will always be undefined"), which then belongs in the list.
 */
function lazyModules(entries) {
  const byModule = new Map(entries.map((e) => [e.module, e]));
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return {
    name: 'lazy-modules',
    setup(build) {
      // An entry with `from` is a module of this project, made lazy where that file imports it.
      build.onResolve({ filter: new RegExp(`^(?:${entries.map((e) => escape(e.module)).join('|')})$`) }, (args) => {
        const e = byModule.get(args.path);
        if (e.from && !args.importer.split('\\').join('/').endsWith(e.from)) return undefined;
        return { path: args.path, namespace: 'lazy-module' };
      });
      // The stub's require of the separate file stays a require, resolved beside the bundle at run time.
      build.onResolve({ filter: /^\.\//, namespace: 'lazy-module' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => {
        const e = byModule.get(args.path);
        const lines = [
          `// ${e.module}, loaded from ./${e.file} on first use (see LAZY in scripts/build.mjs).`,
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(`./${e.file}`)}));`,
          ...e.exports.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/**
 * `import.meta.url` in a CommonJS bundle: the bundle's own URL. ES modules bundled into the CLI
 * use it (tinyglobby's fdir: `createRequire(import.meta.url)`), and esbuild leaves it empty in CJS.
 */
function importMetaUrl() {
  return { define: { 'import.meta.url': 'import_meta_url' }, inject: ['scripts/import-meta-url.js'] };
}

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyModules(LAZY)] },
  // The server's check worker (server/src/checkWorker.ts), loaded from beside dist/server.js.
  { entryPoints: ['server/src/worker.ts'], outfile: 'dist/worker.js', plugins: [lazyModules(LAZY)] },
  // The CLI runs once and exits: one file, but for pdf.js, which only PDFs load.
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...importMetaUrl(), plugins: [lazyModules(LAZY.filter((e) => e.entry))] },
  // The workers of `nianbao check --jobs N` (server/src/cli/pool.ts), loaded from beside dist/cli.js; lazy like the CLI.
  { entryPoints: ['server/src/cli/poolWorker.ts'], outfile: 'dist/poolWorker.js', ...importMetaUrl(), plugins: [lazyModules(LAZY.filter((e) => e.entry))] },
  // One build per separate file (two entries may name the same file).
  ...LAZY.filter((e, i) => LAZY.findIndex((x) => x.file === e.file) === i).map((e) =>
    e.entry
      ? { entryPoints: [e.entry], outfile: `dist/${e.file}`, define: { 'import.meta.url': 'undefined' }, external: ['pdfjs-dist/package.json'] }
      : {
          stdin: { contents: `module.exports = require(${JSON.stringify(e.source ?? e.module)});`, resolveDir: ROOT, sourcefile: e.file, loader: 'js' },
          outfile: `dist/${e.file}`,
        },
  ),
];

/** pdf.js's CMaps and standard fonts, read from beside dist/pdfjs.js (Chinese PDFs without embedded fonts need the CMaps). */
function copyPdfjsData() {
  for (const dir of ['cmaps', 'standard_fonts']) cpSync(`node_modules/pdfjs-dist/${dir}`, `dist/pdfjs/${dir}`, { recursive: true });
}

if (watch) {
  copyPdfjsData();
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b });
    await ctx.watch();
  }
  console.log('watching…');
} else {
  copyPdfjsData();
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
  chmodSync('dist/cli.js', 0o755);
  chmodSync('dist/server.js', 0o755);
}
