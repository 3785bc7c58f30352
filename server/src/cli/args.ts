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
