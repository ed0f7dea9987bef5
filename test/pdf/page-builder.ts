// Hand-made PDF pages for the geometry tests: text set line by line as a typesetter would (one item per line or
// per word), in PDF user space (points, y upwards).
import type { PdfPageText, PdfTextItem } from '../../utils/pdf/pdf-text';

/** Helvetica-like advance: half the font size per character is close enough for layout tests. */
export const advance = (text: string, size: number): number => text.length * size * 0.5;

export class PageBuilder {
  readonly items: PdfTextItem[] = [];
  constructor(
    readonly page: number,
    readonly width = 612,
    readonly height = 792,
  ) {}

  /** One item: the whole line's text at (x, y). */
  line(text: string, x: number, y: number, size = 10): this {
    this.items.push({ str: text, x, y, width: advance(text, size), size });
    return this;
  }

  /** One item per word, with a real space's gap between them (no space characters in the items). */
  words(text: string, x: number, y: number, size = 10): this {
    let at = x;
    for (const word of text.split(' ')) {
      this.items.push({ str: word, x: at, y, width: advance(word, size), size });
      at += advance(word, size) + size * 0.28;
    }
    return this;
  }

  build(): PdfPageText {
    return { page: this.page, width: this.width, height: this.height, items: this.items };
  }
}
