// The extension's PDF reader page shows a document named in its own URL: `pdf-reader.html?src=<the PDF's URL>`, or
// `pdf-reader.html?fp=<fingerprint>` for a local file opened there. Reading positions, the tab guard and privacy
// answers key on the document a tab shows, so a reader URL stands for the document it shows.

export const PDF_READER_PATH = '/pdf-reader.html';

/** A URL's document for keys: a reader page URL gives its PDF's URL, any other URL is returned unchanged. */
export function readerDocumentUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (
    (parsed.protocol !== 'chrome-extension:' && parsed.protocol !== 'moz-extension:') ||
    parsed.pathname !== PDF_READER_PATH
  )
    return url;
  const src = parsed.searchParams.get('src');
  if (src && /^(https?|file):/.test(src)) return src;
  const fingerprint = parsed.searchParams.get('fp');
  // A local file the user picked has no address of its own: it is a local document named by its content, so it is
  // remembered like a local file (and shares local files' privacy answer).
  if (fingerprint && /^[0-9a-f]{8,64}$/.test(fingerprint)) return `file:///vocalid-pdf/${fingerprint}.pdf`;
  return url;
}

/** The reader page URL that opens the PDF at `src`. */
export function readerUrlFor(readerPage: string, src: string): string {
  return `${readerPage}?src=${encodeURIComponent(src)}`;
}
