// A code lens over each table: `勾稽关系 39/39 ✔`, or `✘ 3 处不一致` and `全部修复`,
// which runs fix-all for that table only.

import type { CodeLens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, summarize, type GridTable } from '../engine';
import type { FullChecked } from '../state';
import { SERVER_COMMANDS } from '../protocol';
import { tableOf } from './commands';

export function codeLenses(doc: TextDocument, checked: FullChecked): CodeLens[] {
  const { findings } = checked;
  const { model } = checked.result;
  const en = checked.locale === 'en';
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
  for (const t of tables) {
    const range = at(t.start);
    const mine = findings.filter((f) => tableOf(f) === t.id);
    const title =
      t.broken === 0
        ? t.total >= 0
          ? `${en ? 'identities' : '勾稽关系'} ${t.holding}/${t.total} ✔`
          : `${en ? 'sums hold' : '合计无误'} ✔`
        : en
          ? `✘ ${t.broken} broken${t.total >= 0 ? ` (${t.holding}/${t.total} hold)` : ''}`
          : `✘ ${t.broken} 处不一致${t.total >= 0 ? `（${t.holding}/${t.total} 成立）` : ''}`;
    lenses.push({ range, command: { title, command: 'workbench.actions.view.problems' } });
    if (t.broken > 0 && fixAllEdits(mine).length > 0) {
      lenses.push({ range, command: { title: en ? 'Fix all' : '全部修复', command: SERVER_COMMANDS.fixAll, arguments: [doc.uri, t.id] } });
    }
  }
  return lenses;
}
