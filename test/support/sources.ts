// The code's own TypeScript sources (client/src and server/src), parsed once with the
// compiler's parser, for tests that check what the code says rather than what it does.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO } from './paths';

export interface Source {
  /** The path from the repository root, with `/` separators. */
  file: string;
  ast: ts.SourceFile;
}

let cache: Source[] | undefined;

/** Every .ts file under client/src and server/src. */
export function sources(): Source[] {
  if (cache) return cache;
  const out: Source[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const file = path.relative(REPO, p).split(path.sep).join('/');
        out.push({ file, ast: ts.createSourceFile(file, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true) });
      }
    }
  };
  walk(path.join(REPO, 'client', 'src'));
  walk(path.join(REPO, 'server', 'src'));
  return (cache = out);
}

/** Calls `visit` on every node of `ast`, depth first. */
export function walk(ast: ts.Node, visit: (node: ts.Node) => void): void {
  const go = (n: ts.Node) => {
    visit(n);
    ts.forEachChild(n, go);
  };
  go(ast);
}

/** Where a node stands, as `file:line`. */
export function where(src: Source, node: ts.Node): string {
  return `${src.file}:${src.ast.getLineAndCharacterOfPosition(node.getStart(src.ast)).line + 1}`;
}

/** The literal text pieces of a node: a string literal's value, a template's literal parts. */
export function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  return [];
}
