// Generates the `nianbao.rules` settings schema of package.json from the rule table.
// `npm run docs` rewrites package.json; a unit test fails when the committed one is stale.

import { RULE_SETTINGS } from '../engine/check';
import { RULES } from '../engine/rules';
import { rewriteFile } from './rewrite';

/** The values a rule's setting takes: keep the rule's own severity, turn it off, or set one (engine/check.ts; `.nianbao.jsonc` takes the same). */
export const RULE_SETTING_VALUES = RULE_SETTINGS;

/** One property per rule, in the rule table's order. */
export function ruleSettingsSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of RULES) {
    properties[rule.id] = {
      type: 'string',
      enum: [...RULE_SETTING_VALUES],
      default: 'default',
      description: `${rule.zh} / ${rule.en}`,
    };
  }
  return properties;
}

/**
 * package.json's text with `contributes.configuration.properties["nianbao.rules"].properties`
 * replaced by the generated schema; every other key keeps its place and value.
 * Throws when the manifest has no `nianbao.rules` setting to fill.
 */
export function generatedManifest(packageJson: string): string {
  const pkg = JSON.parse(packageJson);
  const setting = pkg?.contributes?.configuration?.properties?.['nianbao.rules'];
  if (!setting || typeof setting !== 'object') throw new Error('package.json has no contributes.configuration.properties["nianbao.rules"]');
  setting.properties = ruleSettingsSchema();
  return JSON.stringify(pkg, null, 2) + '\n';
}

if (require.main === module) rewriteFile(process.argv[2] ?? 'package.json', generatedManifest, `nianbao.rules: ${RULES.length} rules`);
