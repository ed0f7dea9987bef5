// A long article page written here for the e2e tests of long pages (more than LONG_PAGE_BLOCKS blocks, so it is read
// from its first blocks while the rest is made, utils/page-text/extract-page-text.ts).

export const paragraph = (n: number): string =>
  `Section ${n} of the long report goes on where the one before it stopped. ` +
  `It says a little more about the harbour, and it ends with the number ${n}.`;

/** The page: a site's navigation and footer around an article of a headline and `paragraphs` paragraphs. */
export function longReport(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${paragraph(i + 1)}</p>`).join('\n');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long report</title></head>` +
    `<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>` +
    `<main><article><h1>The long report</h1>\n${body}\n</article></main><footer>Footer of the site</footer></body></html>`
  );
}
