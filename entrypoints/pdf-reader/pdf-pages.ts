/**
 * The reader page's pages: a box per page sized from its viewport, a text layer built up front (one span per text
 * item, the spans of each block grouped in an element of its own, so the block maps and the click-to-read find
 * them), and the canvas drawn only while the page is near the viewport (IntersectionObserver): a 500-page PDF
 * opens at once and memory holds a few canvases, not hundreds.
 */
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import type { BlockTextMap } from '../../utils/page-text/block-text-map';
import { pdfBlockMap } from '../../utils/pdf/pdf-block-map';
import type { PdfDocumentText } from '../../utils/pdf/pdf-blocks';
import type { PdfPageText } from '../../utils/pdf/pdf-text';

/** Pages this far (in viewport heights) above or below the viewport are drawn; further ones are released. */
const DRAW_MARGIN = '150% 0px';
/** A glyph's ascent above its baseline, as a fraction of the font size (close for Latin sans and serif faces). */
const ASCENT = 0.8;

export interface PdfPages {
  maps: BlockTextMap[];
  /** The block element of block i (read from here, scrolling). */
  blockElements: HTMLElement[];
  destroy(): void;
}

export function buildPages(
  container: HTMLElement,
  pdf: PDFDocumentProxy,
  pages: readonly PdfPageText[],
  text: PdfDocumentText,
): PdfPages {
  const doc = container.ownerDocument;
  const measure = doc.createElement('canvas').getContext('2d');
  const width = Math.min(container.clientWidth - 24, 900);
  const spansByPage: HTMLSpanElement[][] = [];
  const blockElements: HTMLElement[] = [];
  const blocksOnPage = new Map<number, number[]>();
  text.blocks.forEach((b, i) => blocksOnPage.set(b.page, [...(blocksOnPage.get(b.page) ?? []), i]));
  const pageBoxes: HTMLElement[] = [];
  const noText = new Set(text.pagesWithoutText);

  for (const page of pages) {
    const box = doc.createElement('section');
    box.className = 'pdf-page';
    box.dataset.page = String(page.page + 1);
    box.setAttribute('aria-label', `Page ${page.page + 1}`);
    box.style.setProperty('--page-width', String(page.width));
    box.style.setProperty('--page-height', String(page.height));
    box.style.setProperty('--scale', String(width / page.width));
    const layer = doc.createElement('div');
    layer.className = 'text-layer';
    const spans = page.items.map((item) => {
      const span = doc.createElement('span');
      span.textContent = item.str;
      span.style.left = `${((100 * item.x) / page.width).toFixed(3)}%`;
      span.style.top = `${((100 * (page.height - item.y - ASCENT * item.size)) / page.height).toFixed(3)}%`;
      span.style.setProperty('--size', item.size.toFixed(2));
      if (measure && item.str.length > 1 && item.width > 0) {
        measure.font = `${item.size}px sans-serif`;
        const natural = measure.measureText(item.str).width;
        if (natural > 0) span.style.setProperty('--scale-x', (item.width / natural).toFixed(4));
      }
      return span;
    });
    spansByPage[page.page] = spans;
    const placed = new Set<number>();
    for (const index of blocksOnPage.get(page.page) ?? []) {
      const block = text.blocks[index]!;
      const element = doc.createElement('div');
      element.className = 'pdf-block';
      element.dataset.block = String(index);
      element.dataset.kind = block.kind;
      for (const piece of block.pieces) {
        if (piece.item === null || placed.has(piece.item)) continue;
        placed.add(piece.item);
        element.append(spans[piece.item]!);
      }
      layer.append(element);
      blockElements[index] = element;
    }
    // Spans not read (running headers, page numbers, blank items) stay selectable but outside any block.
    const rest = doc.createElement('div');
    rest.className = 'pdf-unread';
    rest.append(...spans.filter((_, i) => !placed.has(i)));
    layer.append(rest);
    box.append(layer);
    if (noText.has(page.page)) {
      const note = doc.createElement('p');
      note.className = 'pdf-no-text';
      note.setAttribute('role', 'note');
      note.textContent = 'This page has no text to read.';
      box.append(note);
    }
    container.append(box);
    pageBoxes.push(box);
  }

  const maps = text.blocks.map((block, i) =>
    pdfBlockMap(
      block.text,
      block.pieces,
      (item) => (spansByPage[block.page]?.[item]?.firstChild as Text | null) ?? null,
      blockElements[i]!,
    ),
  );

  const drawing = new Map<number, RenderTask>();
  const draw = async (box: HTMLElement, pageNumber: number) => {
    if (box.querySelector('canvas') || drawing.has(pageNumber)) return;
    const page = await pdf.getPage(pageNumber);
    const scale = Number(box.style.getPropertyValue('--scale')) * (globalThis.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale });
    const canvas = doc.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    box.prepend(canvas);
    const task = page.render({ canvas, viewport });
    drawing.set(pageNumber, task);
    await task.promise.catch(() => undefined);
    drawing.delete(pageNumber);
  };
  const release = (box: HTMLElement, pageNumber: number) => {
    drawing.get(pageNumber)?.cancel();
    drawing.delete(pageNumber);
    const canvas = box.querySelector('canvas');
    if (canvas) {
      // Zero-sized, the canvas's backing store is freed at once rather than at the next garbage collection.
      canvas.width = 0;
      canvas.height = 0;
      canvas.remove();
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const box = entry.target as HTMLElement;
        const pageNumber = Number(box.dataset.page);
        if (entry.isIntersecting) void draw(box, pageNumber);
        else release(box, pageNumber);
      }
    },
    { rootMargin: DRAW_MARGIN },
  );
  pageBoxes.forEach((box) => observer.observe(box));
  return {
    maps,
    blockElements,
    destroy: () => {
      observer.disconnect();
      pageBoxes.forEach((box, i) => release(box, i + 1));
      container.replaceChildren();
    },
  };
}
