/**
 * Regression guard for the interface language: the panel, options page and shared components
 * must show no English written into the component, only `t()` strings. Read from the source
 * with the TypeScript parser (no rendering needed), so it also covers states a rendering test
 * does not reach (a failed import, a confirm dialog).
 *
 * Checked: JSX text; user-visible attributes (placeholder, aria-label, title, alt, label…); string
 * and template literals that are a JSX child (also through `?:`, `&&`, `||`, `??`); `text`,
 * `label` and `title` properties of object literals; `new Error(…)`, `alert/confirm/prompt(…)`
 * and `setError(…)` arguments. A literal counts as English when it holds two letters in a row and
 * is not one of the allowed names below. Strings built in lib/ are out of scope here: they are
 * not component text (the problems of an import or restore file go through t() as well, see
 * import-problems-es.test.ts).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const DIRS = ['entrypoints/options', 'entrypoints/panel', 'components'];

/** Text that is the same in every language: product and platform names, examples, units. */
const ALLOWED = new Set([
  'Caseside',
  'Facebook',
  'English', // language names are written in their own language
  'Español',
  'ms',
  'MB',
  'KB',
  '+1h',
  '(Alt+Shift+C)', // the panel's keyboard shortcut, as Chromium names the keys
  // Examples of what to type in a brand's fields (a prefix, account ids, a signature).
  'ACME',
  '^AS',
  'x:acme_support\nfacebook:AcmeShoes#1234567890',
]);

const VISIBLE_ATTRIBUTES = new Set(['placeholder', 'aria-label', 'aria-description', 'aria-valuetext', 'title', 'alt', 'label', 'saveLabel']);
const VISIBLE_PROPERTIES = new Set(['text', 'label', 'title']);
const MESSAGE_CALLS = new Set(['alert', 'confirm', 'prompt', 'setError']);

const looksEnglish = (text: string) => /[A-Za-z]{2}/.test(text) && !ALLOWED.has(text.trim());

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Literal text an expression would show as is (not through a call such as t()). */
function literalParts(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  if (ts.isParenthesizedExpression(node)) return literalParts(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalParts(node.whenTrue), ...literalParts(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literalParts(node.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken)
      return [...literalParts(node.left), ...literalParts(node.right)];
  }
  return [];
}

export function findEnglishLiterals(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const report = (node: ts.Node, texts: string[]) => {
    for (const text of texts)
      if (looksEnglish(text)) found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      report(node, [node.text.replace(/\s+/g, ' ')]);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent)) {
      report(node, literalParts(node.expression));
    } else if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(node, [init.text]);
      else if (ts.isJsxExpression(init) && init.expression) report(node, literalParts(init.expression));
    } else if (ts.isPropertyAssignment(node) && VISIBLE_PROPERTIES.has(node.name.getText(sf))) {
      report(node, literalParts(node.initializer));
    } else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'Error' && node.arguments?.[0]) {
      report(node, literalParts(node.arguments[0]));
    } else if (ts.isCallExpression(node) && MESSAGE_CALLS.has(node.expression.getText(sf)) && node.arguments[0]) {
      report(node, literalParts(node.arguments[0]));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no English written into the interface components', () => {
  it('finds English in the kinds of places it checks (the guard itself works)', () => {
    const sample = `
      export const A = () => (
        <div title="Close it" aria-label={busy ? 'Busy' : t('x')}>
          Hello there {open ? 'Hide' : t('kb.read')} {n} ms {\`Erase \${name}\`}
          <input placeholder={t('y')} />
          <button onClick={() => setMessage({ kind: 'info', text: 'Done.' })}>×</button>
        </div>
      );
      const b = () => { throw new Error('Not an account'); };`;
    expect(findEnglishLiterals('sample.tsx', sample).map((f) => f.text)).toEqual(['Close it', 'Busy', 'Hello there', 'Hide', 'Erase', 'Done.', 'Not an account']);
    // Through t(), class names, ids, test ids, comparisons and keys: nothing to report.
    const clean = `<p className={kind === 'error' ? 'cs-danger' : ''} data-testid="data-message" id={\`tab-\${key}\`}>{t('a', { name })} {'…'} ×</p>`;
    expect(findEnglishLiterals('clean.tsx', clean)).toEqual([]);
  });

  it('every string the panel, options page and components show goes through t()', () => {
    const findings = DIRS.flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.tsx'))
        .flatMap((f) => findEnglishLiterals(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'))),
    );
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });
});
