// nianbao check [--format text|json] [--locale zh-cn|en] PATH...
// Exit status: 0 no error-severity finding, 1 some file has one, 2 the command could not run.

import { runCli } from './run';

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  progress: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`nianbao: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
