// The command line run in the test's process, its output collected (the tests of check, fix, summary).
import { runCli, type Io } from '../../server/src/cli/run';

/** `nianbao ARGS...`: the exit status and what it wrote on stdout and stderr; `extra`, more of the Io (a progress sink). */
export async function cli(args: string[], extra: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...extra });
  return { code, stdout, stderr };
}
