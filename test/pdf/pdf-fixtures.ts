// PDFs the e2e tests read, written with pdf-lib at test time (no third-party document is committed). Text is set
// line by line as a typesetter would: running header, footer and page number on every page, headings larger than
// the body, words hyphenated at line ends, a two-column page.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

const W = 612;
const H = 792;

function margins(page: PDFPage, font: PDFFont, n: number): void {
  page.drawText('The Listening Quarterly · Issue 7', { x: 72, y: 750, size: 9, font });
  page.drawText(`Reading aloud, chapter two — page ${n}`, { x: 72, y: 40, size: 9, font });
  page.drawText(String(n), { x: 300, y: 24, size: 9, font });
}

function lines(page: PDFPage, font: PDFFont, text: string[], x: number, top: number, size = 11): number {
  text.forEach((t, i) => page.drawText(t, { x, y: top - i * 14, size, font }));
  return top - text.length * 14;
}

/**
 * Five pages: headings and hyphenation, two columns, a page that is only an image, then a paragraph over a page
 * break.
 */
export async function articlePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('A Test Article');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  const one = doc.addPage([W, H]);
  margins(one, font, 1);
  one.drawText('Voices on Paper', { x: 72, y: 690, size: 22, font: bold });
  const y = lines(
    one,
    font,
    ['Reading a document aloud needs infor-', 'mation about its layout and its lines.'],
    72,
    650,
  );
  one.drawText('Why Layout Matters', { x: 72, y: y - 20, size: 15, font: bold });
  lines(one, font, ['A listener should hear sentences, not', 'the line breaks of the printed page.'], 72, y - 48);

  const two = doc.addPage([W, H]);
  margins(two, font, 2);
  lines(two, font, ['The left column comes first and', 'continues down the page here.'], 72, 690);
  lines(two, font, ['The right column follows after', 'the left one has been read.'], 330, 690);
  lines(two, font, ['Left again, in a second para-', 'graph of the left column.'], 72, 640);
  lines(two, font, ['Right again, the last words of', 'the page are read last.'], 330, 640);

  const three = doc.addPage([W, H]);
  three.drawRectangle({ x: 72, y: 200, width: 400, height: 400, color: rgb(0.6, 0.6, 0.65) });

  // A paragraph that runs over the page break, the footer and page number of page 4 and the header of page 5
  // between its halves.
  const four = doc.addPage([W, H]);
  margins(four, font, 4);
  lines(four, font, ['After the picture the reading goes on, and this', 'paragraph runs over the end of the'], 72, 120);
  const five = doc.addPage([W, H]);
  margins(five, font, 5);
  lines(five, font, ['page to finish on the next one.'], 72, 690);
  return doc.save();
}

/** `pages` pages of a running text, one short paragraph each, with running header, footer and page number. */
/** Page `n` of longPdf as it is heard: its two lines, one paragraph (the running headers and numbers left out). */
export const longPdfParagraph = (n: number) =>
  `Page ${n} begins its paragraph here and it ends on the next line of page ${n}.`;

export async function longPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([W, H]);
    margins(page, font, n);
    lines(page, font, [`Page ${n} begins its paragraph here and`, `it ends on the next line of page ${n}.`], 72, 690);
  }
  return doc.save();
}
