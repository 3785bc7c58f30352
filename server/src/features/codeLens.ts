// A code lens over each table: `勾稽关系 39/39 ✔`, or `✘ 3 处不一致` and `全部修复`,
// which runs fix-all for that table only.

import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, summarize, t, type GridTable } from '../engine';
import type { FullChecked } from '../checked';
import { SERVER_COMMANDS } from '../protocol';
import { tableOf } from './codeActions';

export function codeLenses(doc: TextDocument, checked: FullChecked): CodeLens[] {
  const { findings } = checked;
  const { model } = checked.result;
  const { locale } = checked;
  const lenses: CodeLens[] = [];
  const at = (offset: number) => {
    const line = doc.positionAt(offset).line;
    return { start: { line, character: 0 }, end: { line, character: 0 } };
  };
  const tables: { id: string; start: number; broken: number; total: number; holding: number }[] = [];
  for (const t of [model.applications, model.appeals].filter((x): x is GridTable => !!x)) {
    const s = summarize(t, checked.locale).identities;
    tables.push({ id: t.decl.id, start: t.start, broken: s.broken, total: s.total, holding: s.holding });
  }
  if (model.legacy) {
    const sums = findings.filter((f) => f.code === 'legacy-sum').length;
    tables.push({ id: 'legacy', start: model.legacy.start, broken: sums, total: -1, holding: -1 });
  }
  for (const table of tables) {
    const range = at(table.start);
    const mine = findings.filter((f) => tableOf(f) === table.id);
    const { broken, holding, total } = table;
    const title =
      broken === 0
        ? total >= 0
          ? t(locale, 'lens.holds', { holding, total })
          : t(locale, 'lens.sumsHold')
        : t(locale, 'lens.broken', { broken, counts: total >= 0 ? t(locale, 'lens.brokenCounts', { holding, total }) : '' });
    lenses.push({ range, command: { title, command: 'workbench.actions.view.problems' } });
    if (broken > 0 && fixAllEdits(mine).length > 0) {
      lenses.push({ range, command: { title: t(locale, 'lens.fixAll'), command: SERVER_COMMANDS.fixAll, arguments: [doc.uri, table.id] } });
    }
  }
  return lenses;
}
