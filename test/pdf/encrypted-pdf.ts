// A password-protected PDF for the reader's password prompt. pdf-lib cannot encrypt, so this writes a small PDF by
// hand and encrypts it with the standard security handler, revision 2 (40-bit RC4; ISO 32000-1 §7.6.3, algorithms
// 2, 3 and 4, and §7.6.2 algorithm 1 for each object's key). Enough for a reader to ask for the password; not a
// general encryptor (no strings outside streams are written).
import { createHash } from 'node:crypto';

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PAD]).subarray(0, 32);

/** A one-page PDF with these lines of text, openable only with `password`. */
export function encryptedPdf(lines: string[], password: string): Buffer {
  const id = createHash('md5').update(`vocalid-test-${password}`).digest();
  const permissions = -44; // print, copy and the rest allowed (bits 1–2 zero, 7–8 and up one)
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(permissions);
  // Algorithm 3: O from the owner password (here the same as the user's).
  const owner = rc4(md5(padded(password)).subarray(0, 5), padded(password));
  // Algorithm 2: the file key; algorithm 4: U.
  const key = md5(padded(password), owner, pBytes, id).subarray(0, 5);
  const user = rc4(key, PAD);
  const objectKey = (num: number) =>
    md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10);

  const content = Buffer.from(
    'BT /F1 16 Tf ' + lines.map((l, i) => `1 0 0 1 72 ${700 - i * 20} Tm (${l}) Tj`).join(' ') + ' ET',
    'latin1',
  );
  const stream = rc4(objectKey(4), content);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    ),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.from(
      `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    ),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0]!.length;
  const offsets = objects.map((body, i) => {
    const at = length;
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    length += chunk.length;
    return at;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\n` +
    `startxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}
