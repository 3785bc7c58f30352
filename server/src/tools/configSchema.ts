// Generates the JSON schema of `.nianbao.jsonc` (schemas/nianbao-config.schema.json, which
// package.json's `contributes.jsonValidation` gives VS Code) from the rule table, as
// manifest.ts generates the `nianbao.rules` setting: one source for both. `npm run docs`
// rewrites it; a unit test fails when the committed one is stale. Descriptions are in
// Chinese and English in one string: a schema file has no localisation of its own.

import { RULE_SETTINGS, RULES } from '../engine';
import { CONFIG_FILE_NAME } from '../config/names';
import { rewriteFile } from './rewrite';

const names = (zh: string, en: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, description: `${zh} / ${en}` });

/** The schema, as a value. */
export function configSchema(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const rule of RULES) rules[rule.id] = { type: 'string', enum: [...RULE_SETTINGS], default: 'default', description: `${rule.zh} / ${rule.en}` };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: CONFIG_FILE_NAME,
    description: 'nianbao 配置：CLI 与编辑器共用，对其所在文件夹及下级文件夹中的文件生效（就近优先） / nianbao configuration, shared by the CLI and the editor, for the files of its folder and the folders below (the nearest wins)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: '各规则的设置，与 VS Code 设置 nianbao.rules 相同；VS Code 中明确设置的值优先 / Each rule’s setting, as VS Code’s nianbao.rules; a value set explicitly in VS Code wins',
        additionalProperties: false,
        properties: rules,
      },
      ignore: {
        ...names('不检查的文件的 glob 模式，相对于本配置文件所在文件夹', 'Glob patterns of files not to check, relative to this file’s folder'),
        examples: [['草稿/**', '**/*.bak.txt']],
      },
      aliases: {
        type: 'object',
        description: '单位名称 → 同一单位的其他写法（用于与上一年度报告对应） / Body name → other spellings of the same body (to match a report to its previous year)',
        additionalProperties: names('同一单位的其他写法', 'Other spellings of the same body'),
      },
      roster: {
        type: 'object',
        description: '年度 → 应报送年报的单位 / Year → the bodies expected to file a report for it',
        propertyNames: { pattern: '^\\d{4}$' },
        additionalProperties: names('该年度应报送年报的单位', 'Bodies expected to file for that year'),
      },
      deadlines: {
        type: 'object',
        description: '报送期限（报告年度次年的月-日） / Filing deadlines (month-day of the year after the one reported on)',
        additionalProperties: false,
        properties: {
          department: { $ref: '#/definitions/monthDay', description: '部门年报的期限，如 01-31 / Deadline of departments’ reports, such as 01-31' },
          government: { $ref: '#/definitions/monthDay', description: '政府年报的期限，如 03-31 / Deadline of governments’ reports, such as 03-31' },
          bodies: {
            type: 'object',
            description: '单位 → 其自身的期限（优先于上两项） / Body → its own deadline (before the two above)',
            additionalProperties: { $ref: '#/definitions/monthDay' },
          },
        },
      },
      aggregations: {
        type: 'array',
        description: '汇总报告及其被汇总的单位 / Aggregate reports and the bodies they add up',
        items: {
          type: 'object',
          required: ['report', 'parts'],
          additionalProperties: false,
          properties: {
            report: { type: 'string', minLength: 1, description: '汇总报告的单位 / The body of the aggregate report' },
            parts: names('被汇总的单位', 'The bodies whose reports it adds up'),
          },
        },
      },
      textReuse: {
        type: 'object',
        description: '规则 text-reuse 的设置 / Settings of rule text-reuse',
        additionalProperties: false,
        properties: {
          threshold: {
            type: 'number',
            exclusiveMinimum: 0,
            maximum: 1,
            default: 0.8,
            description: '本部分自身文字在上一年度报告中出现的比例达到此值即提示（0–1，默认 0.8） / The share of a part’s own text found in last year’s report from which it is reported (0–1, default 0.8)',
          },
        },
      },
    },
    definitions: {
      // A day that exists in some year, as config.ts's isMonthDay reads it (02-29 included).
      monthDay: { type: 'string', pattern: '^(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-9])|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)$', description: 'MM-DD' },
    },
  };
}

export function generatedConfigSchema(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

if (require.main === module) rewriteFile(process.argv[2] ?? 'schemas/nianbao-config.schema.json', generatedConfigSchema, `${CONFIG_FILE_NAME} schema: ${RULES.length} rules`);
