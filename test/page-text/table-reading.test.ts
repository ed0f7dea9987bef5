// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { pageBlocks } from '../../utils/page-text/live-blocks';
import { readTables, tableKind } from '../../utils/page-text/table-reading';

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const kindOf = (html: string): string => {
  setBody(html);
  return tableKind(document.querySelector('table')!);
};

const DATA =
  '<p>Before.</p><table><caption>Computing pioneers</caption>' +
  '<thead><tr><th>Name</th><th>Year</th></tr></thead>' +
  '<tbody><tr><td>Ada</td><td>1843</td></tr><tr><td>Alan</td><td><p>1936</p><p>and 1950</p></td></tr></tbody>' +
  '</table><p>After.</p>';

afterEach(() => setBody(''));

describe('table classification', () => {
  it('a table with headers or a caption and at least two rows and columns holds data', () => {
    expect(kindOf('<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>')).toBe('data');
    expect(
      kindOf('<table><caption>C</caption><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>'),
    ).toBe('data');
    expect(kindOf('<table><thead><tr><td>A</td><td>B</td></tr></thead><tr><td>1</td><td>2</td></tr></table>')).toBe(
      'data',
    );
    expect(kindOf('<table role="grid"><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>')).toBe(
      'data',
    );
  });

  it('presentation role, no headers, one column, one row or a nested table mean layout', () => {
    expect(
      kindOf('<table role="presentation"><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>'),
    ).toBe('layout');
    expect(kindOf('<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>')).toBe('layout');
    expect(kindOf('<table><tr><th>A</th></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>')).toBe('layout');
    expect(kindOf('<table><tr><th>A</th><th>B</th></tr></table>')).toBe('layout');
    expect(
      kindOf(
        '<table><tr><th>Menu</th><td><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></td></tr>' +
          '<tr><td>x</td><td>y</td></tr></table>',
      ),
    ).toBe('layout');
  });
});

describe('reading tables', () => {
  it('reads a data table row by row, each cell after its column header, the caption as its own block', () => {
    setBody(DATA);
    expect(readTables(pageBlocks(document), true).map((b) => b.map.text)).toEqual([
      'Before.',
      'Computing pioneers',
      'Columns: Name, Year',
      'Row 2: Name, Ada; Year, 1843',
      'Row 3: Name, Alan; Year, 1936 and 1950',
      'After.',
    ]);
  });

  it('highlights the cell text of a row, never the words said between cells', () => {
    setBody(DATA);
    const row = readTables(pageBlocks(document), true).find((b) => b.map.text.startsWith('Row 2'))!;
    const text = row.map.text;
    const ada = text.indexOf('Ada');
    expect(row.map.rangeFor(ada, ada + 3).toString()).toBe('Ada');
    expect(row.map.rangesFor(0, text.length).map((r) => r.toString())).toEqual(['Ada', '1843']);
    // "Row 2: " exists only in the reading: a collapsed range.
    expect(row.map.rangeFor(0, 6).collapsed).toBe(true);
    // A click on the year cell starts at the year.
    const year = document.querySelectorAll('td')[1]!.firstChild!;
    expect(row.map.offsetAt(year, 0)).toBe(text.indexOf('1843'));
  });

  it('skips a data table with one announcement when asked, keeping its caption', () => {
    setBody(DATA);
    expect(readTables(pageBlocks(document), false).map((b) => b.map.text)).toEqual([
      'Before.',
      'Computing pioneers',
      'Table, 3 rows, skipped',
      'After.',
    ]);
  });

  it('leaves a layout table’s cells as plain blocks, whatever the setting', () => {
    setBody('<table role="presentation"><tr><td>Left column text.</td><td>Right column text.</td></tr></table>');
    for (const rows of [true, false])
      expect(readTables(pageBlocks(document), rows).map((b) => b.map.text)).toEqual([
        'Left column text.',
        'Right column text.',
      ]);
  });

  it('counts a spanning header over every column it covers', () => {
    setBody(
      '<table><tr><th>Name</th><th colspan="2">Dates</th></tr><tr><td>Ada</td><td>1815</td><td>1852</td></tr></table>',
    );
    expect(readTables(pageBlocks(document), true).map((b) => b.map.text)).toEqual([
      'Columns: Name, Dates',
      'Row 2: Name, Ada; Dates, 1815; Dates, 1852',
    ]);
  });

  it('does not read again a row that only repeats the column headers (a footer or a long table repeating them)', () => {
    setBody(
      '<table><thead><tr><th>Pos</th><th>Player</th></tr></thead>' +
        '<tbody><tr><td>DL</td><td>Ann</td></tr><tr><th>Pos</th><th>Player</th></tr><tr><td>LB</td><td>Pos</td></tr></tbody>' +
        '<tfoot><tr><td>Pos</td><td>Player</td></tr></tfoot></table>',
    );
    expect(readTables(pageBlocks(document), true).map((b) => b.map.text)).toEqual([
      'Columns: Pos, Player',
      'Row 2: Pos, DL; Player, Ann',
      // A cell that happens to hold a header's word is still data.
      'Row 4: Pos, LB; Player, Pos',
    ]);
  });
});
