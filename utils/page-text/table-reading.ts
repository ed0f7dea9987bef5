/**
 * Tables as a listener can follow them. A data table (headers or a caption, at least two rows and two columns) is
 * read row by row, each cell with its column's header — "Row 2: Name, Ada; Year, 1843" — or skipped with one
 * short announcement (a setting). A layout table (role=presentation, no headers, one column, tables nested in it)
 * is only a way of placing text: its cells stay plain blocks. What tells them apart is what the markup says
 * (headers and captions are how a data table is marked up, https://www.w3.org/WAI/tutorials/tables/).
 */
import { formatNumber } from '../i18n/locale-format';
import { plural } from '../i18n/plural-message';
import { i18n } from '../i18n/i18n';
import { buildBlockTextMap } from './block-text-map';
import { joinedTextMap, type JoinedPart } from './joined-text-map';
import type { LiveBlock } from './live-blocks';

export type TableKind = 'data' | 'layout';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

const cellsOf = (row: HTMLTableRowElement): HTMLTableCellElement[] => Array.from(row.cells);
const span = (cell: HTMLTableCellElement): number => Math.max(1, cell.colSpan || 1);

/** How a table is read: as data (row by row with headers) or as layout (its cells are plain text blocks). */
export function tableKind(table: HTMLTableElement): TableKind {
  const role = (table.getAttribute('role') ?? '').trim().toLowerCase();
  if (role === 'presentation' || role === 'none') return 'layout';
  // Tables inside a table are a page layout grid (a data table holds data, not tables).
  if (table.querySelector('table')) return 'layout';
  const rows = Array.from(table.rows);
  if (rows.length < 2) return 'layout';
  const columns = Math.max(...rows.map((r) => cellsOf(r).reduce((n, c) => n + span(c), 0)));
  if (columns < 2) return 'layout';
  if (role === 'table' || role === 'grid' || role === 'treegrid') return 'data';
  const caption = table.caption && squash(table.caption.textContent ?? '') !== '';
  if (caption || table.tHead || table.querySelector('th')) return 'data';
  return 'layout';
}

/** The row of column headers: the last row of <thead>, else a first row made only of <th> cells. */
function headerRow(table: HTMLTableElement): HTMLTableRowElement | null {
  const head = table.tHead?.rows;
  if (head && head.length > 0) return head[head.length - 1] ?? null;
  const first = table.rows[0];
  return first && cellsOf(first).length > 0 && cellsOf(first).every((c) => c.localName === 'th') ? first : null;
}

/** Each column's header text (by column position, colspans counted), empty where there is none. */
export function columnHeaders(table: HTMLTableElement): string[] {
  const row = headerRow(table);
  if (!row) return [];
  const out: string[] = [];
  for (const cell of cellsOf(row)) {
    const text = squash(buildBlockTextMap(cell, { includeNestedBlocks: true }).text);
    for (let k = 0; k < span(cell); k++) out.push(text);
  }
  return out;
}

export function isHeaderRow(row: HTMLTableRowElement): boolean {
  const table = row.closest('table');
  return !!table && (row.parentElement === table.tHead || headerRow(table) === row);
}

/** The announcement that stands in for a skipped table. */
export function skippedTableWording(rows: number): string {
  return plural('reading.spoken.skippedTable', rows);
}

/**
 * The words before a data row's cells and between them, with each cell's blocks in place. Null for a row that
 * only repeats the column headers (a footer, or a long table repeating its header row): the listener has heard
 * them as "Columns: …", and read as a row they would be said with nothing after them.
 */
function rowBlock(row: HTMLTableRowElement, blocks: LiveBlock[], headers: readonly string[]): LiveBlock | null {
  const parts: JoinedPart[] = [`${i18n.t('reading.spoken.tableRow', { number: formatNumber(row.rowIndex + 1) })} `];
  let column = 0;
  let cells = 0;
  let repeats = 0;
  for (const cell of cellsOf(row)) {
    const inCell = blocks.filter((b) => cell.contains(b.element) || b.element === cell);
    const at = column;
    column += span(cell);
    if (inCell.length === 0) continue;
    if (cells > 0) parts.push(`${i18n.t('reading.spoken.cellSeparator')} `);
    cells += 1;
    const header = headers[at] ?? '';
    const text = squash(inCell.map((b) => b.map.text).join(' '));
    if (header && header !== text) parts.push(`${header}${i18n.t('reading.spoken.headerSeparator')} `);
    else if (header) repeats += 1;
    inCell.forEach((b, i) => {
      if (i > 0) parts.push(' ');
      parts.push({ map: b.map, element: b.element });
    });
  }
  return cells > 0 && repeats < cells ? { element: row, map: joinedTextMap(parts, row) } : null;
}

/** The header row as one block: "Columns: Name, Year". */
function headerBlock(row: HTMLTableRowElement, blocks: LiveBlock[]): LiveBlock | null {
  const parts: JoinedPart[] = [`${i18n.t('reading.spoken.tableColumns')} `];
  let cells = 0;
  for (const block of blocks) {
    if (cells > 0) parts.push(`${i18n.t('reading.spoken.headerSeparator')} `);
    cells += 1;
    parts.push({ map: block.map, element: block.element });
  }
  return cells > 0 ? { element: row, map: joinedTextMap(parts, row) } : null;
}

/** The data table a block is part of (a cell's text or the caption), or null. */
function dataTableOf(block: LiveBlock, kinds: Map<Element, TableKind>): HTMLTableElement | null {
  const table = block.element.closest('table');
  if (!table) return null;
  let kind = kinds.get(table);
  if (!kind) kinds.set(table, (kind = tableKind(table)));
  return kind === 'data' ? table : null;
}

/**
 * The blocks with each data table read row by row (`rows`) or replaced by its announcement; its caption stays a
 * block of its own. Blocks of layout tables and outside tables are unchanged.
 */
export function readTables(blocks: readonly LiveBlock[], rows: boolean): LiveBlock[] {
  const kinds = new Map<Element, TableKind>();
  const out: LiveBlock[] = [];
  for (let i = 0; i < blocks.length;) {
    const table = dataTableOf(blocks[i]!, kinds);
    if (!table) {
      out.push(blocks[i]!);
      i++;
      continue;
    }
    // The table's run of blocks (a data table holds no other table, so closest('table') is this one).
    let j = i;
    while (j < blocks.length && blocks[j]!.element.closest('table') === table) j++;
    const group = blocks.slice(i, j);
    i = j;
    const captions = group.filter((b) => b.element.closest('caption'));
    out.push(...captions);
    const cells = group.filter((b) => !captions.includes(b));
    const rowsOf = new Map<HTMLTableRowElement, LiveBlock[]>();
    for (const b of cells) {
      const row = b.element.closest('tr');
      if (!row) continue;
      const list = rowsOf.get(row);
      if (list) list.push(b);
      else rowsOf.set(row, [b]);
    }
    if (!rows) {
      out.push({ element: table, map: joinedTextMap([skippedTableWording(table.rows.length)], table) });
      continue;
    }
    const headers = columnHeaders(table);
    for (const [row, list] of rowsOf) {
      const block = isHeaderRow(row) ? headerBlock(row, list) : rowBlock(row, list, headers);
      if (block) out.push(block);
    }
  }
  return out;
}
