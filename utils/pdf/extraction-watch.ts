// Requests of the PDF reader page that wait for its extraction to get somewhere: a reading that continues from a
// stored position in a long PDF is answered once the block it starts at is extracted (or the extraction ended).

export interface ExtractionWatch {
  /** Resolves once `reached()` holds: checked now, and again at each `progressed()`. */
  until(reached: () => boolean): Promise<void>;
  /** More was extracted, the extraction finished, or the document was closed. */
  progressed(): void;
}

export function createExtractionWatch(): ExtractionWatch {
  const waiting = new Set<() => boolean>();
  return {
    until(reached) {
      if (reached()) return Promise.resolve();
      return new Promise((resolve) => {
        waiting.add(() => {
          if (!reached()) return false;
          resolve();
          return true;
        });
      });
    },
    progressed() {
      for (const check of [...waiting]) if (check()) waiting.delete(check);
    },
  };
}
