// How much text of a PDF still being extracted a reading will send: the privacy question names the characters a
// reading sends, and a long document's reading starts on its first pages (entrypoints/pdf-reader/main.ts). The
// pages still to come are counted at the average of the pages whose blocks are settled: their heard text, without
// the running headers and page numbers that their raw text items also carry.

export interface ExtractionProgress {
  /** Characters of the blocks settled so far (the ones the reading starts with). */
  sentChars: number;
  /** Pages whose blocks are settled (PdfBlockStream.pagesDecided). */
  pagesDecided: number;
  pagesTotal: number;
}

export function remainingCharsEstimate({ sentChars, pagesDecided, pagesTotal }: ExtractionProgress): number {
  if (pagesDecided <= 0 || pagesTotal <= pagesDecided) return 0;
  return Math.round((sentChars / pagesDecided) * (pagesTotal - pagesDecided));
}
