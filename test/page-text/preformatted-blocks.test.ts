// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { extractLiveText } from '../../utils/page-text/extract-page-text';
import type { CodeBlocks } from '../../utils/settings/reading-fields';

function setBody(html: string) {
  document.documentElement.setAttribute('lang', 'en');
  // Test fixtures are static strings written here; building them with DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const read = (codeBlocks?: CodeBlocks) =>
  extractLiveText(document, 'page', codeBlocks ? { reading: { codeBlocks } } : {});
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const MEMO = [
  '   This memo explains how a ferry timetable is written down so that',
  '   every harbour can read it the same way. It is meant for the people',
  '   who keep the timetables.',
  '',
  '   Each line of a timetable names one crossing and the time it leaves',
  '   the pier.',
].join('\n');

describe('preformatted prose', () => {
  beforeEach(() => (document.title = 'Pre'));

  it('re-flows the lines of a paragraph into one block: a line break inside a sentence is a space', () => {
    setBody(`<pre id="memo">${MEMO}</pre>`);
    const { extracted } = read();
    expect(extracted.blocks.map((b) => b.text)).toEqual([
      'This memo explains how a ferry timetable is written down so that every harbour can read it the same way. ' +
        'It is meant for the people who keep the timetables.',
      'Each line of a timetable names one crossing and the time it leaves the pier.',
    ]);
  });

  it('maps each re-flowed sentence back to the live text, the line breaks it replaced included', () => {
    setBody(`<pre id="memo">${MEMO}</pre>`);
    const { extracted, maps } = read();
    const text = extracted.blocks[0]!.text;
    const start = text.indexOf('It is meant');
    const range = maps[0]!.rangeFor(start, text.length);
    // The live text still has its line break and indentation; read as the unit is, it is the same sentence.
    expect(range.toString()).toContain('\n');
    expect(squash(range.toString())).toBe(text.slice(start));
    expect(range.startContainer.parentElement?.id).toBe('memo');
    // A click in the second paragraph's live text finds its offset in that block.
    const node = document.getElementById('memo')!.firstChild as Text;
    const at = node.data.indexOf('the pier');
    expect(extracted.blocks[1]!.text.slice(maps[1]!.offsetAt(node, at))).toBe('the pier.');
  });

  it('keeps links and other markup inside a re-flowed paragraph', () => {
    setBody('<pre>See <a href="#x">section\ntwo</a> for the\ndetails.</pre>');
    const { extracted, maps } = read();
    expect(extracted.blocks.map((b) => b.text)).toEqual(['See section two for the details.']);
    expect(maps[0]!.rangeFor(4, 15).toString()).toBe('section\ntwo');
  });
});

describe('code blocks', () => {
  const CODE = '<pre><code>const a = 1;\nif (a &gt; 0) {\n  print(a);\n}</code></pre>';

  it('announces <pre><code> with its line count and skips it by default; the announcement covers the code', () => {
    setBody(`<p>Before the code.</p>${CODE}<p>After the code.</p>`);
    const { extracted, maps } = read();
    expect(extracted.blocks.map((b) => b.text)).toEqual(['Before the code.', 'Code, 4 lines', 'After the code.']);
    expect(maps[1]!.rangeFor(0, 4).toString()).toContain('print(a);');
  });

  it('reads code line by line with the setting, each line a block of its own', () => {
    setBody(`<p>Before the code.</p>${CODE}`);
    const { extracted, maps } = read('lines');
    expect(extracted.blocks.map((b) => b.text)).toEqual([
      'Before the code.',
      'const a = 1;',
      'if (a > 0) {',
      'print(a);',
      '}',
    ]);
    expect(maps[3]!.rangeFor(0, 9).toString()).toBe('print(a);');
  });

  it('announces code-like text in a <pre> without <code> (a shell session)', () => {
    setBody('<pre>$ npm install\n$ npm test</pre>');
    expect(read().extracted.blocks.map((b) => b.text)).toEqual(['Code, 2 lines']);
  });

  it('announces a drawing between paragraphs of prose once, and re-flows the prose around it', () => {
    const pre = [
      'The header is laid out as shown below, one',
      'field after another.',
      '',
      '   +--------+--------+',
      '   | length | flags  |',
      '   +--------+--------+',
      '',
      'Both fields are sent in network',
      'byte order.',
    ].join('\n');
    setBody(`<pre>${pre}</pre>`);
    expect(read().extracted.blocks.map((b) => b.text)).toEqual([
      'The header is laid out as shown below, one field after another.',
      'Code, 3 lines',
      'Both fields are sent in network byte order.',
    ]);
  });
});
