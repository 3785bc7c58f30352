// Command-line options shared by the CLI's commands.

/**
 * The value of the option at argv[i], named `name` for messages: after `=` in the same
 * argument (`--locale=en`), else the next argument (`--locale en`), whose index is then
 * returned as `next` for the caller's loop. Throws when the value is missing.
 */
export function optionValue(argv: string[], i: number, name: string): { value: string; next: number } {
  const a = argv[i];
  const eq = a.indexOf('=');
  if (eq >= 0) return { value: a.slice(eq + 1), next: i };
  const v = argv[i + 1];
  if (v === undefined) throw new Error(`${name} needs a value`);
  return { value: v, next: i + 1 };
}

/** `20MB`, `512k`, `1.5G`, `1000` → bytes (K, M, G are binary: 1024, 1024², 1024³); null when not a size. */
export function parseSize(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?$/i.exec(s.trim());
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  if (m[3] && !m[2] && m[3].toLowerCase() !== 'b') return null; // `5ib`
  const n = Math.floor(Number(m[1]) * unit);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** A whole number of at least 1 given to option `name` (--max-pages, --jobs); throws `invalid NAME: VALUE` when it is not. */
export function countOption(name: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`invalid ${name}: ${v}`);
  return Number(v);
}

/** One argument as a command's option parser sees it. */
export interface ArgReader {
  /** The argument. */
  arg: string;
  /** Is it the option `name`, alone (`--locale`) or with its value (`--locale=en`)? */
  is(name: string): boolean;
  /** The option's value (optionValue): the reading goes on after it. Throws when it is missing. */
  value(name: string): string;
}

/** What the commands that read report files (check, fix, summary) all take. */
export interface ReportArgs {
  locale: string;
  config?: string;
  maxSize: number;
  /** Set (to its default) by a command that takes --max-pages. */
  maxPages?: number;
  paths: string[];
}

/**
 * Reads a command's arguments from argv[start] into `args`. Each argument goes first to
 * `own`, the command's own options (true: it took it; a wrong value throws), then to the
 * options these commands share: --locale, --config, --max-size, and --max-pages where `args`
 * has `maxPages`. `--help` or `-h` gives '' (the usage, exit status 0), any other argument
 * starting with `-` (but `-` alone) an unknown option; the rest are paths. A missing or
 * invalid value throws its message.
 */
export function readArgs<T extends ReportArgs>(argv: string[], start: number, args: T, own: (r: ArgReader) => boolean): T | string {
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i];
    const r: ArgReader = {
      arg,
      is: (name) => arg === name || arg.startsWith(`${name}=`),
      value: (name) => {
        const o = optionValue(argv, i, name);
        i = o.next;
        return o.value;
      },
    };
    if (own(r)) continue;
    if (r.is('--locale')) args.locale = r.value('--locale');
    else if (r.is('--config')) args.config = r.value('--config');
    else if (r.is('--max-size')) {
      const v = r.value('--max-size');
      const n = parseSize(v);
      if (n === null) throw new Error(`invalid --max-size: ${v}`);
      args.maxSize = n;
    } else if (args.maxPages !== undefined && r.is('--max-pages')) args.maxPages = countOption('--max-pages', r.value('--max-pages'));
    else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-') && arg !== '-') return `unknown option: ${arg}`;
    else args.paths.push(arg);
  }
  return args;
}

/**
 * A command's arguments (`parse`), or the exit status to end with when there are none to run
 * with: a usage mistake (the message `parse` returns or throws) said on stderr with the usage,
 * 2; --help (''), the usage alone, 0.
 */
export function argsOrExit<T extends object>(parse: () => T | string, usage: string, io: { stderr(s: string): void }): T | number {
  let args: T | string;
  try {
    args = parse();
  } catch (e) {
    args = (e as Error).message;
  }
  if (typeof args !== 'string') return args;
  if (args) io.stderr(`nianbao: ${args}\n`);
  io.stderr(usage);
  return args ? 2 : 0;
}
