/**
 * The reader page's pages, added one by one as their text is extracted: a box per page sized from its viewport, a
 * text layer (one span per text item; the spans of each block grouped in an element of their own, so the block maps
 * and the click-to-read find them; a paragraph run over a page break has such an element on both pages), and the
 * canvas drawn only while the page is near the viewport (IntersectionObserver): a 500-page PDF shows its first page
 * at once and memory holds a few canvases, not hundreds.
 */
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { i18n } from '../../utils/i18n/i18n';
import type { BlockTextMap } from '../../utils/page-text/block-text-map';
import { pdfBlockMap } from '../../utils/pdf/pdf-block-map';
import type { PdfBlock, PdfPageText } from '../../utils/pdf/pdf-text';

/** Pages this far (in viewport heights) above or below the viewport are drawn; further ones are released. */
const DRAW_MARGIN = '150% 0px';
/** A glyph's ascent above its baseline, as a fraction of the font size (close for Latin sans and serif faces). */
const ASCENT = 0.8;

export interface PdfPages {
  /** The block maps so far (the array grows as blocks are added: follow-along holds this very array). */
  maps: BlockTextMap[];
  /** The page's box and its text layer, every span outside any block until blocks claim them. */
  addPage(page: PdfPageText): void;
  /** Says on the page that it has no text to read. */
  markNoText(page: number): void;
  /** Blocks settled since the last call (their pages were added before), numbered on from the blocks so far. */
  addBlocks(blocks: readonly PdfBlock[]): void;
  destroy(): void;
}

export function createPages(container: HTMLElement, pdf: PDFDocumentProxy): PdfPages {
  const doc = container.ownerDocument;
  const measure = doc.createElement('canvas').getContext('2d');
  const width = Math.min(container.clientWidth - 24, 900);
  const spansByPage = new Map<number, HTMLSpanElement[]>();
  const boxes = new Map<number, HTMLElement>();
  const maps: BlockTextMap[] = [];

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
      // pdf.js keeps a drawn page's operator list and fonts until told to let them go.
      void pdf.getPage(pageNumber).then(
        (page) => page.cleanup(),
        () => undefined,
      );
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

  function addPage(page: PdfPageText): void {
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
    spansByPage.set(page.page, spans);
    // Spans not read (running headers, page numbers, blank items) stay selectable but outside any block.
    const rest = doc.createElement('div');
    rest.className = 'pdf-unread';
    rest.append(...spans);
    layer.append(rest);
    box.append(layer);
    container.append(box);
    boxes.set(page.page, box);
    observer.observe(box);
  }

  function markNoText(page: number): void {
    const note = doc.createElement('p');
    note.className = 'pdf-no-text';
    note.setAttribute('role', 'note');
    note.textContent = i18n.t('pdf.pageNoText');
    boxes.get(page)?.append(note);
  }

  function addBlocks(blocks: readonly PdfBlock[]): void {
    for (const block of blocks) {
      const index = maps.length;
      // One element per page the block is on, holding its spans there, before the page's unread spans.
      const elements = new Map<number, HTMLElement>();
      const elementOn = (page: number) => {
        let element = elements.get(page);
        if (!element) {
          element = doc.createElement('div');
          element.className = 'pdf-block';
          element.dataset.block = String(index);
          element.dataset.kind = block.kind;
          const rest = boxes.get(page)?.querySelector('.pdf-unread');
          rest?.before(element);
          elements.set(page, element);
        }
        return element;
      };
      elementOn(block.page);
      for (const piece of block.pieces) {
        if (piece.item === null) continue;
        const span = spansByPage.get(piece.page ?? block.page)?.[piece.item];
        if (span && !span.parentElement?.classList.contains('pdf-block'))
          elementOn(piece.page ?? block.page).append(span);
      }
      maps.push(
        pdfBlockMap(
          block.text,
          block.pieces,
          (piece) => (spansByPage.get(piece.page ?? block.page)?.[piece.item!]?.firstChild as Text | null) ?? null,
          elements.get(block.page)!,
        ),
      );
    }
  }

  return {
    maps,
    addPage,
    markNoText,
    addBlocks,
    destroy: () => {
      observer.disconnect();
      for (const [page, box] of boxes) release(box, page + 1);
      container.replaceChildren();
    },
  };
}
