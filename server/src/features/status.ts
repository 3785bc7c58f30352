// The `nianbao/status` notification behind the client's language status item:
// template, year, tables found, findings by severity, suppressed findings.

import type { Connection } from 'vscode-languageserver/node';
import { NOTIFICATIONS, type StatusParams } from '../protocol';
import type { Checked } from '../checked';

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
  void connection.sendNotification(NOTIFICATIONS.status, status);
}
