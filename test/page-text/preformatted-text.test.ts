import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCode, preformattedLines, preformattedParagraphs } from '../../utils/page-text/preformatted-text';

// Fixtures written here: an RFC-like memo, a typed letter, a shell session, JavaScript, Python, an ASCII table,
// a bit-field diagram and a box-drawing diagram.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function paragraphs(text: string): string[] {
  return preformattedParagraphs(text).map(({ start, end }) => text.slice(start, end).replace(/\s+/gu, ' '));
}

describe('looksLikeCode', () => {
  it.each(['rfc-like.txt', 'plain-prose.txt'])('reads %s as prose', (name) => {
    expect(looksLikeCode(fixture(name), false)).toBe(false);
  });

  it.each([
    'shell-session.txt',
    'javascript.txt',
    'python.txt',
    'ascii-table.txt',
    'ascii-diagram.txt',
    'box-diagram.txt',
  ])('reads %s as code', (name) => {
    expect(looksLikeCode(fixture(name), false)).toBe(true);
  });

  it('takes a <code> child as code whatever its text', () => {
    expect(looksLikeCode(fixture('plain-prose.txt'), true)).toBe(true);
  });

  it('tells the grammar inside an RFC from the prose around it, paragraph by paragraph', () => {
    const text = fixture('rfc-like.txt');
    const code = preformattedParagraphs(text)
      .filter(({ start, end }) => looksLikeCode(text.slice(start, end), false))
      .map(({ start, end }) => text.slice(start, end).replace(/\s+/gu, ' '));
    expect(code).toEqual(['Message = Header CRLF Body Header = 1*( Field CRLF )']);
  });

  it('is not code when there is nothing', () => {
    expect(looksLikeCode('  \n\n ', false)).toBe(false);
  });
});

describe('preformattedParagraphs', () => {
  it('re-flows an RFC-like memo into paragraphs: sentences broken across lines stay whole', () => {
    expect(paragraphs(fixture('rfc-like.txt'))).toEqual([
      'Network Working Group                                        A. Example'.replace(/\s+/gu, ' '),
      'Request for Comments: 9999 Example Forge',
      'Category: Informational October 2026',
      'A Protocol for Reading Pages Aloud',
      'Status of This Memo',
      'This document is not an Internet Standards Track specification; it is published for informational purposes. ' +
        'It describes how a reader is expected to behave, in full conformance with the provisions of the documents it cites.',
      'Copyright Notice',
      'Copyright (c) 2026 the persons identified as the document authors. All rights reserved.',
      '1. Introduction',
      'A reader receives a page, finds the article, and speaks it. The requirements below use the words MUST and ' +
        'SHOULD as described in the usual way (see [KEYWORDS]).',
      'o The reader MUST keep the order of the page; a sentence that is broken across lines is one sentence.',
      'o The reader SHOULD NOT read navigation.',
      'Message = Header CRLF Body Header = 1*( Field CRLF )',
      'Implementations that skip a step are still conforming if they say so in their documentation.',
    ]);
  });

  it('gives exact offsets: each range starts and ends on text, in order, and every word is in one range', () => {
    const text = fixture('rfc-like.txt');
    const ranges = preformattedParagraphs(text);
    for (const [i, { start, end }] of ranges.entries()) {
      const slice = text.slice(start, end);
      expect(slice).toBe(slice.trim());
      expect(slice.length).toBeGreaterThan(0);
      if (i > 0) expect(start).toBeGreaterThan(ranges[i - 1]!.end);
    }
    expect(
      ranges
        .map(({ start, end }) => text.slice(start, end))
        .join('')
        .replace(/\s/gu, ''),
    ).toBe(text.replace(/\s/gu, ''));
  });

  it('reads CRLF and CR line ends like LF, and tabs as indentation to the next multiple of 8', () => {
    const lf = fixture('rfc-like.txt');
    expect(paragraphs(lf.replace(/\n/gu, '\r\n'))).toEqual(paragraphs(lf));
    expect(paragraphs(lf.replace(/\n/gu, '\r'))).toEqual(paragraphs(lf));
    expect(paragraphs('\tOne line that goes\n        on here.\n  Other.')).toEqual([
      'One line that goes on here.',
      'Other.',
    ]);
  });

  it('splits on blank lines and on indentation changes', () => {
    expect(paragraphs(fixture('plain-prose.txt'))).toEqual([
      'Dear reader,',
      'this letter was typed on a machine that had no idea of paragraphs, so every line ends where the paper ended. ' +
        'We hope it reads well anyway; the words are what matter, not the margins.',
      'Yours, the editors',
    ]);
    expect(paragraphs('Heading\n    Indented body that\n    goes on.\nBack out.')).toEqual([
      'Heading',
      'Indented body that goes on.',
      'Back out.',
    ]);
  });

  it('keeps a list item whose lines hang under its text, and starts a paragraph at each item', () => {
    expect(paragraphs('- first item that\n  wraps here\n- second item\n1. third that\n   wraps')).toEqual([
      '- first item that wraps here',
      '- second item',
      '1. third that wraps',
    ]);
  });

  it('is empty for blank text', () => {
    expect(preformattedParagraphs('')).toEqual([]);
    expect(preformattedParagraphs(' \n\t\n')).toEqual([]);
  });
});

describe('preformattedLines', () => {
  it('gives the trimmed non-blank lines, for reading code line by line and counting its lines', () => {
    const text = fixture('javascript.txt');
    const lines = preformattedLines(text);
    expect(lines).toHaveLength(7);
    expect(text.slice(lines[1]!.start, lines[1]!.end)).toBe('for (const unit of units) {');
    expect(preformattedLines('a\n\n  b  \r\nc')).toEqual([
      { start: 0, end: 1 },
      { start: 5, end: 6 },
      { start: 10, end: 11 },
    ]);
  });
});
