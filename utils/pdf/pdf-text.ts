// The shapes the PDF text logic works on: a page's text items as pdf.js gives them (geometry in PDF user space, y
// upwards from the page's bottom edge), and the lines and blocks built from them. Pure data, no pdf.js types, so
// the logic runs in unit tests on hand-made pages.

/** One text item of a page (pdf.js `getTextContent().items`, the ones with a `str`; index = its text layer span). */
export interface PdfTextItem {
  str: string;
  /** Left edge of the item's baseline. */
  x: number;
  /** Baseline height from the page's bottom edge. */
  y: number;
  /** Advance width of the whole string. */
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
}

export interface PdfPageText {
  /** 0-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

/**
 * A stretch of a block's text: copied from item `item` of page `page` from character `offset` on, or synthetic
 * (item null). A paragraph that runs over a page break has pieces of two pages.
 */
export interface TextPiece {
  text: string;
  item: number | null;
  offset: number;
  page?: number;
}

/** Items on one baseline, left to right, with no column gutter between them. */
export interface PdfLine {
  page: number;
  items: number[];
  /** Pieces of the line's text (a synthetic space where two items leave a gap). */
  pieces: TextPiece[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

export interface PdfBlock {
  /** The page the block starts on. */
  page: number;
  kind: 'heading' | 'paragraph';
  /** What is read: lines joined (hyphens at line ends joined, other line breaks a space). */
  text: string;
  /** `text` as pieces, in order; their texts concatenate to `text`. */
  pieces: TextPiece[];
}

export const piecesText = (pieces: readonly TextPiece[]): string => pieces.map((p) => p.text).join('');
