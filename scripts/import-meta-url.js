// Injected into the CLI's bundles (scripts/build.mjs, importMetaUrl): `import.meta.url` of the
// ES modules bundled into CommonJS, which esbuild leaves empty, as the bundle's own file URL.
export const import_meta_url = require('node:url').pathToFileURL(__filename).href;
