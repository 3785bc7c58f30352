// Quick fixes for the findings under the cursor, and source.fixAll.nianbao,
// which applies only the unambiguous (preferred) fixes.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fingerprint, fixAll, suppressionComment, t, type Edit, type Finding } from '../engine';
import { SERVER_COMMANDS } from '../protocol';
import { reviewable } from '../baseline';
import type { Checked } from '../checked';
import { toDiagnostic } from './toDiagnostic';
import { formOf, mapEdits } from '../forms';

/** The table a finding belongs to, as code lenses name tables (fix-all of one table). */
export function tableOf(f: Finding): string {
  return f.cell?.table ?? f.table ?? '';
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.nianbao`;

function toTextEdit(doc: TextDocument, e: Edit): TextEdit {
  return { range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText };
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/**
 * Fix-all of the document (of the findings `filter` keeps), to its fixed point: what a
 * second application would change is included (engine `fixAll`).
 */
export function fixAllTextEdits(doc: TextDocument, checked: Checked, filter?: (f: Finding) => boolean): TextEdit[] {
  const form = formOf(doc);
  if (form.kind === 'view') return [];
  if (form.kind === 'text') return fixAll(doc.getText(), checked.options, filter, checked.findings).map((e) => toTextEdit(doc, e));
  // An HTML document: fix-all of its view, each edit mapped into one cell's text (or left out).
  const edits = fixAll(form.view.text, checked.options, filter).flatMap((e) => mapEdits(form, [e]) ?? []);
  return edits.map((e) => toTextEdit(doc, e));
}

export function provideCodeActions(doc: TextDocument, checked: Checked, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    const start = doc.offsetAt(params.range.start);
    const end = doc.offsetAt(params.range.end);
    const seen = new Map<string, CodeAction>();
    for (const f of checked.findings) {
      if (f.end < start || f.start > end) continue;
      const diagnostic: Diagnostic =
        params.context.diagnostics.find((d) => d.code === f.code && doc.offsetAt(d.range.start) === f.start && doc.offsetAt(d.range.end) === f.end) ??
        toDiagnostic(doc, f);
      for (const fix of f.fixes) {
        // Two findings on one cell (carry-over and results-total) offer the same edit: offer it once, for both.
        const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
        const same = seen.get(key);
        if (same) {
          same.diagnostics!.push(diagnostic);
          same.isPreferred = same.isPreferred || fix.preferred;
          continue;
        }
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: { [doc.uri]: fix.edits.map((e) => toTextEdit(doc, e)) } },
        };
        seen.set(key, action);
        actions.push(action);
      }
      // 「标记为已核实」: the finding's fingerprint into the baseline file beside the report (a file on disk, or a text view's source).
      if (reviewable(doc.uri)) {
        const title = t(checked.locale, 'action.markReviewed');
        const fp = fingerprint(f, { text: doc.getText(), identity: checked.identity, template: checked.model.template });
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SERVER_COMMANDS.markReviewed, arguments: [doc.uri, fp] } });
      }
      // 「在此忽略……」: a suppression comment above the finding's line (in a text report only).
      if (formOf(doc).kind !== 'text') continue;
      const line = doc.positionAt(f.start).line;
      const at = { line, character: 0 };
      actions.push({
        title: t(checked.locale, 'action.ignore', { code: f.code }),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: suppressionComment(f.code, checked.locale) + '\n' }] } },
      });
    }
  }

  if (wants(only, FIX_ALL_KIND)) {
    const edits = fixAllTextEdits(doc, checked);
    if (edits.length) {
      actions.push({
        title: t(checked.locale, 'action.fixAll'),
        kind: FIX_ALL_KIND,
        edit: { changes: { [doc.uri]: edits } },
      });
    }
  }
  return actions;
}
