// Public surface of the engine, for the language server, the CLI and the tests.
export * from './check';
export * from './declarations';
export type { DeadlineOptions, Edit, Finding, Fix, Related, Rule, SourceInfo, TextReuseOptions } from './findings';
export { formatNumber } from './findings';
export * from './format';
export * from './i18n';
export type * from './model';
export { parse } from './parse';
export { RULES } from './rules';
export * from './text';
export * from './summary';
export * from './outline';
export * from './suppress';
export * from './export';
export * from './years';
export { bodyKey, identifyReport } from './title';
export * from './trends';
export * from './fingerprint';
