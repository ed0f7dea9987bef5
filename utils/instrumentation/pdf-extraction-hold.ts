// Test builds only: holds the PDF reader page's extraction after its first pages until the test lets it go on, so
// an e2e test can drive a reading to the end of what was extracted and see it wait for the rest (a delay would
// race the listener; a hold does not). The reader page asks for it behind `__BUILD_KIND__ === 'test'`
// (entrypoints/pdf-reader/main.ts), so a release bundle drops this module; the test names the page count in the
// reader URL's `testHoldAfter` parameter, sees `data-vocalid-pdf-held` on <html> while held, and releases with
// `__vocalidPdfTest.release()` in the page.

export const HOLD_PARAM = 'testHoldAfter';

export interface ExtractionHold {
  /** Resolves when page `n` (1-based) may be extracted: at once, or after the release for pages past the hold. */
  before(n: number): Promise<void>;
}

export function extractionHold(params: URLSearchParams, root: HTMLElement): ExtractionHold | undefined {
  const after = Number(params.get(HOLD_PARAM));
  if (!Number.isInteger(after) || after <= 0) return undefined;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  (globalThis as typeof globalThis & { __vocalidPdfTest?: { release(): void } }).__vocalidPdfTest = {
    release: () => {
      delete root.dataset.vocalidPdfHeld;
      release();
    },
  };
  return {
    before(n) {
      if (n <= after) return Promise.resolve();
      if (n === after + 1) root.dataset.vocalidPdfHeld = String(after);
      return released;
    },
  };
}
