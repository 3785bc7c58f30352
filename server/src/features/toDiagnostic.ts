// A finding as an LSP diagnostic: its range, severity, code with a link to the rule's page,
// related cells and the data quick fixes read back. Pure, so that the features that need it
// (diagnostics, code actions) share it without importing the server's state.

import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../engine';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Each rule's page in docs/rules/, shipped beside the bundled server. */
const DOCS = path.resolve(__dirname, '..', 'docs', 'rules');
const docsPresent = existsSync(DOCS);

function ruleHref(code: string): string | undefined {
  return docsPresent ? pathToFileURL(path.join(DOCS, `${code}.md`)).toString() : undefined;
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const href = ruleHref(f.code);
  const related: DiagnosticRelatedInformation[] = f.related.map((r) => ({
    location: r.external ? { uri: r.external.location, range: r.external.range } : { uri: doc.uri, range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } },
    message: r.message,
  }));
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: href ? { href } : undefined,
    source: 'nianbao',
    message: f.message,
    relatedInformation: related.length ? related : undefined,
    data: f.cell ? { cell: f.cell, expected: f.expected, actual: f.actual } : undefined,
  };
}
