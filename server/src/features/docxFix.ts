// `nianbao.server.fixDocx [uri]`: 「修复 DOCX 文件」 from the editor — the fixes of a Word
// report (its text view's findings) written into its cells, as `nianbao fix` does: the
// file is read again, checked, and the fixed copy written beside it as NAME.fixed.docx
// (the original stays as it is). The server says what it did in a message.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { fixAll, t } from '../engine';
import { fixedPath, planFix } from '../cli/fix';
import { viewSource } from '../forms';
import { readRegularFile, readReport } from '../io/report';
import type { FixDocxResult } from '../protocol';
import type { ServerState } from '../state';
import { VIEW_MAX_BYTES } from './textView';

export async function fixDocxCommand(state: ServerState, args: unknown[] | undefined): Promise<FixDocxResult> {
  const arg = String(args?.[0] ?? '');
  const uri = viewSource(arg)?.source ?? arg;
  const s = await state.settings.get(uri);
  const locale = state.localeFor(s);
  const result = await fixDocx(state, uri, locale);
  const name = path.basename(uri.startsWith('file:') ? fileURLToPath(uri) : uri);
  // A notification (no answer awaited): the editor shows it.
  const say = (type: MessageType, message: string) => void state.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  if (result.error !== undefined) say(MessageType.Error, t(locale, 'cli.fix.failed', { path: name, detail: result.error }));
  else if (!result.written) say(MessageType.Info, t(locale, 'cli.fix.none', { path: name }));
  else say(MessageType.Info, t(locale, 'cli.fix.wrote', { path: name, count: result.changes, out: path.basename(fileURLToPath(result.written)) }));
  return result;
}

async function fixDocx(state: ServerState, uri: string, locale: ReturnType<ServerState['localeFor']>): Promise<FixDocxResult> {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch (e) {
    return { changes: 0, error: (e as Error).message };
  }
  const read = await readReport(file, { maxSize: VIEW_MAX_BYTES, trust: 'name' });
  if (read.skipped) return { changes: 0, error: read.detail || read.skipped };
  if (read.format !== 'docx') return { changes: 0, error: t(locale, 'cli.fix.noMap') };
  const s = await state.settings.get(uri);
  const edits = fixAll(read.text, { locale, rules: s.rules, path: uri, lookup: state.index.registry.lookup, source: read.decoded });
  if (edits.length === 0) return { changes: 0 };
  const original = await readRegularFile(file, VIEW_MAX_BYTES);
  if ('skipped' in original) return { changes: 0, error: original.detail };
  const plan = planFix(read, original.bytes, edits, locale);
  if ('error' in plan) return { changes: 0, error: plan.error };
  if (plan.changes.length === 0) return { changes: 0 };
  const out = fixedPath(file, false);
  // Written beside the target and renamed over it: a failed write leaves no partial file.
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.nianbao-${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, plan.bytes);
    await fs.rename(tmp, out);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    return { changes: 0, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  return { changes: plan.changes.length, written: pathToFileURL(out).toString() };
}
