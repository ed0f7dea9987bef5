import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads the VocaliD API documentation (the text of the public docs page, kept outside this repository in
 * ../shared/) and pulls its code examples out of it at test time, so the tests run the documentation's own
 * text instead of a copy of it. Nothing here changes the examples; substitutions are made, one by one and
 * commented, by the test that runs them.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the documentation is: `VOCALID_API_DOC` if set, else ../shared/vocalid-api.txt beside the repository. */
export const API_DOC_PATH = process.env.VOCALID_API_DOC
  ? path.resolve(process.env.VOCALID_API_DOC)
  : path.resolve(repoRoot, '..', 'shared', 'vocalid-api.txt');

export interface CurlExample {
  /** The command as the doc shows it (leading `$ ` included, `\` line continuations kept, dedented). */
  text: string;
  /** The URL path it calls, e.g. `/api/v1/oauth/token`, used to pick the example out. */
  path: string;
}

export interface PythonSnippet {
  /** The `endpoint = ...` value, e.g. `/api/v1/external/user/info/`. */
  endpoint: string;
  /** The `method="..."` of its sign_and_send call. */
  method: string;
  /** All lines of the snippet, dedented. */
  lines: string[];
}

export interface ApiDocExamples {
  curl: CurlExample[];
  /** The HMAC example, from `import hashlib` through the end of `def sign_and_send`. */
  hmacBlock: string;
  python: PythonSnippet[];
}

/**
 * Why the docs-examples tests cannot run in this checkout, or null when they can. A clone made without ../shared/
 * beside it skips them (the documentation is not part of the repository); when VOCALID_API_DOC names the file, as
 * `.ci/run` does, a missing file is not a reason to skip: `loadApiDocExamples` then fails the tests.
 */
export function apiDocSkipReason(docPath = API_DOC_PATH, env = process.env): string | null {
  if (env.VOCALID_API_DOC || existsSync(docPath)) return null;
  return (
    `skipped: the VocaliD API documentation is not at ${docPath} (it lives outside the repository, in ../shared/). ` +
    `Set VOCALID_API_DOC to a copy of vocalid-api.txt to run the documentation's examples.`
  );
}

/** Reads and extracts; throws (so the tests fail, not skip) when the documentation is missing or unparseable. */
export function loadApiDocExamples(docPath = API_DOC_PATH): ApiDocExamples {
  if (!existsSync(docPath)) {
    throw new Error(
      `VocaliD API documentation not found at ${docPath}. The docs-examples tests run the examples from that file; ` +
        `put a copy of shared/vocalid-api.txt beside the repository or set VOCALID_API_DOC to its path.`,
    );
  }
  const lines = readFileSync(docPath, 'utf8').replace(/\r\n?/g, '\n').split('\n');
  return { curl: extractCurl(lines), hmacBlock: extractHmacBlock(lines), python: extractPythonSnippets(lines) };
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === '';

/** Removes `indent` leading spaces (fewer on a line that has fewer) and trailing whitespace, which carries no meaning. */
function dedent(block: string[], indent: number): string[] {
  return block.map((line) => line.slice(Math.min(indent, indentOf(line))).trimEnd());
}

/** Every `$ curl ...` line, with the lines its trailing `\` continues onto. */
function extractCurl(lines: string[]): CurlExample[] {
  const out: CurlExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trimStart().startsWith('$ curl ')) continue;
    const start = i;
    while (lines[i]!.trimEnd().endsWith('\\') && i + 1 < lines.length) i++;
    const text = dedent(lines.slice(start, i + 1), indentOf(lines[start]!)).join('\n');
    // `https:/` as well as `https://`: one of the doc's commands has the typo `https:/vocalid.co`.
    const url = /https:\/\/?vocalid\.co(\/[^\s'"]*)/.exec(text);
    if (!url) throw new Error(`curl example without a vocalid.co URL in ${API_DOC_PATH}:\n${text}`);
    out.push({ text, path: url[1]! });
  }
  return out;
}

function extractHmacBlock(lines: string[]): string {
  const start = lines.findIndex((l) => l.trim() === 'import hashlib');
  const def = lines.findIndex((l, i) => i > start && l.trimStart().startsWith('def sign_and_send('));
  if (start < 0 || def < 0)
    throw new Error(`HMAC example (import hashlib ... def sign_and_send) not found in ${API_DOC_PATH}`);
  const defIndent = indentOf(lines[def]!);
  let end = def + 1; // one past the function's last line: the first non-blank line not indented deeper than `def`
  while (end < lines.length && (isBlank(lines[end]!) || indentOf(lines[end]!) > defIndent)) end++;
  while (isBlank(lines[end - 1]!)) end--;
  return dedent(lines.slice(start, end), indentOf(lines[start]!)).join('\n');
}

/** Each per-endpoint snippet: `endpoint = "..."` and the non-blank lines after it, through its sign_and_send call. */
function extractPythonSnippets(lines: string[]): PythonSnippet[] {
  const out: PythonSnippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const endpoint = /^endpoint = "([^"]+)"$/.exec(lines[i]!.trim());
    if (!endpoint) continue;
    let end = i;
    while (end + 1 < lines.length && !isBlank(lines[end + 1]!)) end++;
    const block = dedent(lines.slice(i, end + 1), indentOf(lines[i]!));
    const method = /sign_and_send\(endpoint, method="([A-Z]+)"/.exec(block.at(-1)!);
    if (!method)
      throw new Error(`Python snippet for ${endpoint[1]} does not end in sign_and_send(...) in ${API_DOC_PATH}`);
    out.push({ endpoint: endpoint[1]!, method: method[1]!, lines: block });
    i = end;
  }
  return out;
}
