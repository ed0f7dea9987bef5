// Text in <pre> keeps the line breaks of whoever typed it: an RFC, a plain-text letter and a shell session all
// look alike to the block finder. Read line by line, prose pauses mid-sentence ("…in full conformance with the" |
// "provisions of…"), so prose is re-flowed into paragraphs; code is told apart so the reading can announce it
// ("Code, 12 lines") or read it line by line.
//
// What counts as code here: program text and shell sessions, and also ASCII tables and diagrams (box drawing,
// +---+ borders, | columns |, bit rulers) and grammars (ABNF): they are layout, and re-flowing them into sentences
// gives nonsense, so they get the code treatment. `looksLikeCode` can be asked of a whole <pre> or of one of its
// paragraphs, e.g. to leave out a diagram in the middle of an RFC's prose.

export interface TextRange {
  /** UTF-16 offsets into the <pre>'s raw text (its textContent). */
  start: number;
  end: number;
}

interface Line extends TextRange {
  /** The line with its leading and trailing whitespace removed. */
  text: string;
  /** Columns of leading whitespace, tabs to the next multiple of 8. */
  indent: number;
}

function indentWidth(leading: string): number {
  let width = 0;
  for (const ch of leading) width = ch === '\t' ? width + 8 - (width % 8) : width + 1;
  return width;
}

/** The lines of the text that hold something, trimmed: the ranges a code block is read by, line by line. */
export function preformattedLines(text: string): TextRange[] {
  return nonBlankLines(text).map(({ start, end }) => ({ start, end }));
}

function nonBlankLines(text: string): Line[] {
  const out: Line[] = [];
  for (const match of text.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/gu)) {
    if (match[0] === '') break; // The empty match at the very end.
    const raw = match[0].replace(/[\r\n]+$/u, '');
    if (raw.trim() === '') continue;
    const lead = /^\s*/u.exec(raw)?.[0] ?? '';
    const body = raw.trimEnd();
    const start = match.index + lead.length;
    out.push({ start, end: match.index + body.length, text: body.slice(lead.length), indent: indentWidth(lead) });
  }
  return out;
}

// "o  item", "* item", "- item", "1. item", "(a) item": the item's next lines hang under its text.
const LIST_MARKER = /^(?:[o*•‣◦·+\-–]|\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}\)|\([a-z]\))\s+(?=\S)/u;
// Columns set with runs of spaces or tabs (a memo header, a table of contents, a key/value list): each such line
// stands alone, since joining two of them mixes their columns.
const COLUMNS = /\S(?: {4,}|\t)\S/u;

/**
 * Paragraphs of prose in a <pre>, as ranges of its raw text that start and end on non-space characters. A blank
 * line or a change of indentation ends a paragraph, and so does a new list item or a line set in columns; the
 * lines of a list item hang under its text. Within a range, line breaks are meant to be read as spaces.
 */
export function preformattedParagraphs(text: string): TextRange[] {
  const out: TextRange[] = [];
  const lines = nonBlankLines(text);
  let current: { range: TextRange; indent: number; markerIndent: number | undefined; last: Line } | undefined;
  for (const line of lines) {
    const marker = LIST_MARKER.exec(line.text);
    const columns = COLUMNS.test(line.text);
    const gap = current ? text.slice(current.last.end, line.start) : '';
    const continues =
      current !== undefined &&
      !marker &&
      !columns &&
      !COLUMNS.test(current.last.text) &&
      // Only one line break between them: a blank line ends the paragraph.
      (gap.replace(/\r\n/gu, '\n').match(/[\r\n]/gu)?.length ?? 0) < 2 &&
      (line.indent === current.indent || line.indent === current.markerIndent);
    if (continues && current) {
      current.range.end = line.end;
      current.last = line;
      continue;
    }
    const range = { start: line.start, end: line.end };
    out.push(range);
    current = {
      range,
      indent: marker ? line.indent + marker[0].length : line.indent,
      markerIndent: marker ? line.indent : undefined,
      last: line,
    };
  }
  return out;
}

// Lines that only program text, shell sessions, grammars and drawings have.
const CODE_LINE = [
  /[{;]\s*$/u, // ends a statement or opens a block
  /^[}\])]/u, // closes a block
  /^(?:\$|>>>|\.\.\.|%|#|PS [^>]*>|[A-Z]:\\[^>]*>)\s+\S/u, // a shell or REPL prompt
  /^(?:\/\/|\/\*|\*\/|#!|<!--)/u, // comments
  /^<\/?[a-zA-Z][\w-]*(?:\s[^>]*)?>/u, // markup
  /^(?:def|class|fn|func|function|import|from\s+\S+\s+import|package|#include|#define|public|private|protected|return|elif|else|try|except|finally|catch)\b.*[:({=;]|^(?:import|package)\s+[\w.]+$/u,
  /^(?:if|for|while|switch)\s*\(.*\)|^(?:if|for|while|elif)\s\S.*:$/u, // control flow
  /^(?:const|let|var)\s+[\w$[{]+\s*=/u, // declarations
  /^[\w.$]+\s*(?:[-+*/%&|^]?=|:=|::=|=>|->)\s*\S/u, // assignments and grammar rules
  /[+|]-{2,}|-{2,}[+|]|[─│┌┐└┘├┤┬┴┼═║╔╗╚╝]/u, // box and table borders
  /^\|.*\|$/u, // table rows
  /^(?:\d\s){8,}/u, // bit rulers
];

// Characters rare in prose and common in code; brackets and quotes are left out, prose has them too.
const CODE_SYMBOLS = /[{}[\];=<>|\\&^~`$@*_/+]/gu;

function isCodeLine(line: string): boolean {
  return CODE_LINE.some((pattern) => pattern.test(line));
}

// Three words of lower-case letters in a row: a line of running prose, not of code.
const PROSE_RUN = /\p{Ll}{2,}[,;:]?\s+\p{Ll}{2,}[,;:]?\s+\p{Ll}{2,}/u;

/**
 * Whether the text of a <pre> (or one of its paragraphs) is code rather than prose: it has a <code> child, or
 * at least a third of its lines are code lines, or code symbols are dense and running prose is not in most lines.
 */
export function looksLikeCode(text: string, hasCodeElement: boolean): boolean {
  if (hasCodeElement) return true;
  const lines = nonBlankLines(text).map((line) => line.text);
  if (lines.length === 0) return false;
  const code = lines.filter(isCodeLine).length;
  if (code * 3 >= lines.length) return true;
  const visible = lines.join('').replace(/\s/gu, '');
  const symbols = visible.match(CODE_SYMBOLS)?.length ?? 0;
  const prose = lines.filter((line) => PROSE_RUN.test(line)).length;
  return symbols / visible.length >= 0.06 && prose * 2 < lines.length;
}
