// Pages on loopback for the extension to read (test builds hold host permission for 127.0.0.1): files from a
// folder (the e2e fixtures) and pages set in memory (the benchmark's generated and corpus pages).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixturesDir } from './paths';

export interface PageServer {
  origin: string;
  /** The address of a page ("name.html" or "/name.html"), unique per call: the worker finds exactly this tab by URL. */
  url(page: string): string;
  /** A string is served as UTF-8; bytes as they are, in the encoding their <meta> names, else as UTF-8. */
  set(page: string, html: string | Uint8Array): void;
  close(): Promise<void>;
}

export interface PageServerOptions {
  /** Serve the files of this folder too (after the pages set in memory). */
  dir?: string;
  /** Headers on every page (e.g. a CSP). */
  headers?: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** A saved page that names its encoding in a <meta> (HTML §13.2.3.2 prescans the first 1024 bytes) keeps it. */
function declaresCharset(bytes: Uint8Array): boolean {
  return /<meta[^>]+charset/i.test(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'));
}

const withSlash = (page: string) => (page.startsWith('/') ? page : `/${page}`);

export async function startPageServer(opts: PageServerOptions = {}): Promise<PageServer> {
  const pages = new Map<string, string | Uint8Array>();
  const headers = opts.headers ?? {};
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const html = pages.get(pathname);
    if (html !== undefined) {
      const type = typeof html === 'string' || !declaresCharset(html) ? 'text/html; charset=utf-8' : 'text/html';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(html);
      return;
    }
    const dir = opts.dir;
    if (dir === undefined) return void res.writeHead(404).end('not found');
    const file = path.join(dir, path.normalize(pathname).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir + path.sep)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
        res.end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let seq = 0;
  return {
    origin,
    url: (page) => `${origin}${withSlash(page)}?load=${++seq}`,
    set: (page, html) => void pages.set(withSlash(page), html),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** test/e2e/fixtures/*.html on loopback. */
export type FixtureServer = PageServer;
export const startFixtureServer = (dir = fixturesDir): Promise<FixtureServer> => startPageServer({ dir });
