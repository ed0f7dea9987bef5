// Blocks of preformatted text (a <pre>, or any block whose white space is kept) read the way a listener needs
// them, from the paragraphs and code that preformatted-text.ts tells apart: prose is re-flowed into one block per
// paragraph, read with its line breaks as spaces (the text map maps each such space back to the line break it
// replaces, so highlighting still covers the live text); code is announced ("Code, 12 lines") and skipped, or read
// one line a block — the `codeBlocks` reading setting.
import { plural } from '../i18n/plural-message';
import { mapOfBlock, type BlockTextMap } from './block-text-map';
import { readStyle } from './element-style';
import type { LiveBlock } from './live-blocks';
import { looksLikeCode, preformattedLines, preformattedParagraphs, type TextRange } from './preformatted-text';
import type { CodeBlocks } from '../settings/reading-fields';

/** "Code, 12 lines": what is said in place of a code block that is skipped. */
export function codeAnnouncement(lines: number): string {
  return plural('reading.spoken.code', lines);
}

/** Words that are not on the page, standing for `range` (the code they announce), which highlighting covers. */
function announcementMap(text: string, range: Range): BlockTextMap {
  return {
    text,
    rangeFor: () => range.cloneRange(),
    rangesFor: () => [range.cloneRange()],
    offsetAt: () => 0,
  };
}

const CODE_ELEMENTS = 'code, samp, kbd';

/** `<pre><code>`: (almost) all of the block's text is inside code elements. */
function isCodeMarkup(el: Element): boolean {
  if (el.closest(CODE_ELEMENTS)) return true;
  const total = (el.textContent ?? '').trim().length;
  if (total === 0) return false;
  let code = 0;
  for (const inner of el.querySelectorAll(CODE_ELEMENTS)) {
    if (!inner.parentElement?.closest(CODE_ELEMENTS)) code += (inner.textContent ?? '').trim().length;
  }
  return code >= total * 0.9;
}

function isPreformatted(block: LiveBlock): boolean {
  return !block.run && readStyle(block.element, null).whiteSpace === 'preserve';
}

/** One block per range of the block's text (its text map turns each range back into live DOM). */
function sub(block: LiveBlock, range: TextRange, reflow: boolean): LiveBlock | null {
  const run = block.map.rangeFor(range.start, range.end);
  const map = mapOfBlock({ element: block.element, run }, undefined, reflow);
  return map.text.trim() ? { element: block.element, run, map } : null;
}

function codeBlocks(block: LiveBlock, range: TextRange, mode: CodeBlocks): LiveBlock[] {
  const text = block.map.text.slice(range.start, range.end);
  const lines = preformattedLines(text).map((line) => ({
    start: range.start + line.start,
    end: range.start + line.end,
  }));
  if (mode === 'lines') return lines.map((line) => sub(block, line, false)).filter((b): b is LiveBlock => b !== null);
  const run = block.map.rangeFor(range.start, range.end);
  return [{ element: block.element, run, map: announcementMap(codeAnnouncement(lines.length), run) }];
}

/**
 * The indentation of the block's first line, which its text (trimmed at the start, like any block's) has lost:
 * without it the first line would seem less indented than the rest of its paragraph.
 */
function firstLineIndent(el: Element): string {
  const lead = /^\s*/u.exec(el.textContent ?? '')?.[0] ?? '';
  return lead.slice(Math.max(lead.lastIndexOf('\n'), lead.lastIndexOf('\r')) + 1);
}

/** The block's paragraphs, each told as prose or code; consecutive code paragraphs are one piece of code. */
function pieces(block: LiveBlock): { range: TextRange; code: boolean }[] {
  const text = block.map.text;
  const indent = firstLineIndent(block.element);
  const out: { range: TextRange; code: boolean }[] = [];
  for (const p of preformattedParagraphs(indent + text)) {
    const range = { start: Math.max(0, p.start - indent.length), end: p.end - indent.length };
    const code = looksLikeCode(text.slice(range.start, range.end), false);
    const last = out[out.length - 1];
    if (code && last?.code) last.range.end = range.end;
    else out.push({ range, code });
  }
  return out;
}

const lineCount = (text: string): number => preformattedLines(text).length;

/** The blocks to read for one preformatted block: prose paragraphs re-flowed, code announced or line by line. */
function readPreformatted(block: LiveBlock, mode: CodeBlocks): LiveBlock[] {
  const text = block.map.text;
  const whole = { start: 0, end: text.length };
  if (isCodeMarkup(block.element)) return codeBlocks(block, whole, mode);
  const parts = pieces(block);
  // Code as a whole with a few lines that pass for prose (a comment, a line of output) is still one program.
  const proseLines = parts
    .filter((p) => !p.code)
    .reduce((n, p) => n + lineCount(text.slice(p.range.start, p.range.end)), 0);
  if (proseLines * 2 < lineCount(text) && looksLikeCode(text, false)) return codeBlocks(block, whole, mode);
  return parts.flatMap((p) => {
    if (p.code) return codeBlocks(block, p.range, mode);
    const prose = sub(block, p.range, true);
    return prose ? [prose] : [];
  });
}

/** The blocks to read, with each preformatted block read as its paragraphs and code (see the top of this file). */
export function preformattedBlocks(blocks: LiveBlock[], mode: CodeBlocks): LiveBlock[] {
  if (!blocks.some(isPreformatted)) return blocks;
  return blocks.flatMap((block) => (isPreformatted(block) ? readPreformatted(block, mode) : [block]));
}
