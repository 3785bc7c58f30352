// The `nianbao/status` notification behind the client's language status item:
// template, year, tables found, findings by severity, suppressed findings.

import type { Connection } from 'vscode-languageserver/node';
import type { Checked } from '../state';

export const STATUS_NOTIFICATION = 'nianbao/status';

export interface StatusParams {
  uri: string;
  checked: boolean;
  template?: string;
  year?: number | null;
  tables?: string[];
  errors?: number;
  warnings?: number;
  notes?: number;
  suppressed?: number;
  /** Why the document was not checked, for the status item (when `checked` is false). */
  message?: string;
}

export function statusOf(uri: string, checked: Checked | null): StatusParams {
  if (!checked) return { uri, checked: false };
  const { model, findings, suppressed } = checked;
  const tables: string[] = [];
  if (model.tables.disclosure) tables.push('二');
  if (model.tables.applications) tables.push('三');
  if (model.tables.appeals) tables.push('四');
  if (model.tables.legacy) tables.push('统计表');
  return {
    uri,
    checked: true,
    template: model.template,
    year: model.year,
    tables,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    notes: findings.filter((f) => f.severity === 'information' || f.severity === 'hint').length,
    suppressed,
  };
}

export function sendStatus(connection: Connection, uri: string, checked: Checked | null, message?: string): void {
  const status = statusOf(uri, checked);
  if (!checked && message) status.message = message;
  void connection.sendNotification(STATUS_NOTIFICATION, status);
}
