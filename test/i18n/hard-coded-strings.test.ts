import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/paths';

/**
 * Every user-facing string goes through the messages files (locales/, utils/i18n/). This scans the extension's
 * sources for text a user would see that does not: JSX text, user-facing JSX attributes with literal text, and
 * prose-like string literals anywhere (two or more words), outside the places where text is not for the user.
 */

/** Folders with the extension's code (the server, scripts and bench are English developer tools). */
const SCANNED = ['components', 'entrypoints', 'utils'];

/** Whole files whose words are not UI text, each with the reason. */
const NOT_UI_FILES: Record<string, string> = {
  'utils/voice-studio/prompt-list.ts': 'sentences the user records, keyed by the language of the voice being banked',
  'utils/page-text/unheard-content.ts': 'patterns that recognise boilerplate in the text of the page being read',
};

const USER_FACING_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Calls whose string arguments are code, not text: logs, selectors, DOM and class names, module specifiers. */
const CODE_CALLS =
  /^(console\.\w+|(\w+\.)*(querySelector|querySelectorAll|closest|matches|createElement|getElementById|setAttribute|getAttribute|hasAttribute|removeAttribute|addEventListener|removeEventListener|add|remove|toggle|contains)|import|require)$/;

const PROSE = /\p{L}{2,}[ \u00a0]+\p{L}{2,}/u;
/** Style text (CSS in a shadow root, a canvas font, a border shorthand) has words but is not language. */
const STYLE_TEXT = /[{};]|\d(px|em|rem|%)\b|^px\b|currentColor|sans-serif|monospace/;
/** A comment `i18n-ignore: <reason>` on the line of a literal or the line above marks it as not UI text. */
const IGNORE_MARK = 'i18n-ignore:';
const LETTER = /\p{L}/u;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|html)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  return call.expression.getText().replace(/\s+/g, '');
}

type Context = 'text' | 'prose' | 'code';

/**
 * What a string literal's text is: `text` where it is shown as it is (JSX children, user-facing attributes, even one
 * word), `code` where it is not text at all, else `prose` (flagged when it reads like words).
 */
function contextOf(literal: ts.Node): Context {
  for (let at: ts.Node = literal; at.parent; at = at.parent) {
    const parent = at.parent;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isImportTypeNode(parent)) return 'code';
    if (ts.isLiteralTypeNode(parent)) return 'code';
    if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === at) return 'code';
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === at) return 'code';
    if (ts.isCaseClause(parent) && parent.expression === at) return 'code';
    if (ts.isBinaryExpression(parent) && /^(===|!==|==|!=)$/.test(parent.operatorToken.getText())) return 'code';
    if (
      (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
      parent.arguments?.includes(at as ts.Expression)
    ) {
      if (ts.isCallExpression(parent) && CODE_CALLS.test(calleeName(parent))) return 'code';
      // A developer error: thrown and logged, never shown (errors shown to users are built from messages).
      if (ts.isNewExpression(parent) && /Error$/.test(calleeName(parent))) return 'code';
      return 'prose';
    }
    if (ts.isJsxAttribute(parent)) return USER_FACING_ATTRIBUTES.has(parent.name.getText()) ? 'text' : 'code';
    if (ts.isJsxExpression(parent) && (ts.isJsxElement(parent.parent) || ts.isJsxFragment(parent.parent)))
      return 'text';
    if (ts.isStatement(parent) || ts.isFunctionLike(parent)) return 'prose';
  }
  return 'prose';
}

/**
 * An extension page's HTML: text between tags and user-facing attributes with words. The `<title>` may only name
 * the product (the page sets its localised title when it starts); `data-i18n` keys fill elements at run time.
 */
function scanHtml(path: string): Finding[] {
  const file = relative(repoRoot, path);
  const html = readFileSync(path, 'utf8');
  const lineOf = (index: number) => html.slice(0, index).split('\n').length;
  const found: Finding[] = [];
  const body = html.replace(/<(script|style|title)\b[\s\S]*?<\/\1>|<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length));
  for (const { 1: text = '', index } of body.matchAll(/>([^<]+)</g)) {
    if (LETTER.test(text)) found.push({ file, line: lineOf(index), text: text.trim() });
  }
  for (const { 1: name = '', 2: value = '', index } of body.matchAll(/\s([\w-]+)="([^"]*)"/g)) {
    if (USER_FACING_ATTRIBUTES.has(name) && LETTER.test(value)) found.push({ file, line: lineOf(index), text: value });
  }
  return found;
}

function scan(path: string): Finding[] {
  if (path.endsWith('.html')) return scanHtml(path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const file = relative(repoRoot, path);
  const lines = source.text.split('\n');
  const found: Finding[] = [];
  const ignored = (node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line;
    return [lines[line], lines[line - 1]].some((text) => text?.includes(IGNORE_MARK));
  };
  const report = (node: ts.Node, text: string) =>
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const whole = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node : node.parent;
      const context = contextOf(whole);
      const flagged =
        context === 'text'
          ? LETTER.test(node.text)
          : context === 'prose' && PROSE.test(node.text) && !STYLE_TEXT.test(node.text);
      if (flagged && !ignored(node)) report(node, node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text', () => {
  // Parsing every source file takes a few seconds, more on a loaded machine.
  it('comes from the messages files, never from a literal in the code', { timeout: 60_000 }, () => {
    const findings = SCANNED.flatMap((dir) => files(join(repoRoot, dir)))
      .filter((path) => !(relative(repoRoot, path) in NOT_UI_FILES))
      .flatMap(scan);
    // I18N_SCAN_ONLY=<path prefix> narrows the report to one area of the code while it is being moved to messages.
    const only = process.env.I18N_SCAN_ONLY?.split(',');
    const shown = findings.filter((f) => !only || only.some((prefix) => f.file.startsWith(prefix)));
    expect(shown.map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text.slice(0, 60))}`)).toEqual([]);
  });

  it('is found by the scan when hard-coded (the scan itself works)', () => {
    const dir = join(repoRoot, 'test/i18n/fixtures');
    expect(scan(join(dir, 'hard-coded.html')).map((f) => f.text)).toEqual(['Open a PDF…', 'Close the reader']);
    expect(scan(join(dir, 'not-ui-text.html'))).toEqual([]);
    const found = scan(join(dir, 'hard-coded.tsx')).map((f) => f.text);
    expect(found).toEqual(['Read aloud', 'Stop reading', 'about', 'min left', 'Nothing to read on this page']);
    expect(scan(join(dir, 'not-ui-text.tsx'))).toEqual([]);
  });
});
