// A client that reuses its keep-alive connection after a pause must find it open. Node's default (5 s) is just
// above undici's idle limit (4 s), so a client paused by load — building a 10 MiB upload, say — sent its request
// into a socket the server was closing and got ECONNRESET instead of an answer.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreServer } from './core-helpers';

let server: Awaited<ReturnType<typeof startCoreServer>>;
beforeAll(async () => {
  server = await startCoreServer();
});
afterAll(() => server.cleanup());

/** Sends one GET on `socket` and resolves with the status line of its answer (or rejects if the socket closes). */
function get(socket: Socket, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    const onData = (chunk: Buffer) => {
      data += chunk.toString('latin1');
      const head = data.indexOf('\r\n\r\n');
      if (head < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(data.slice(0, head))?.[1] ?? 0);
      if (data.length < head + 4 + length) return;
      cleanup();
      resolve(data.slice(0, data.indexOf('\r\n')));
    };
    const onClose = () => {
      cleanup();
      reject(new Error('the server closed the connection'));
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
    };
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.write(`GET /api/v1/oauth/authorize HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('keep-alive', () => {
  it('keeps an idle connection open well past a client’s own idle limit', { timeout: 30_000 }, async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const host = `${hostname}:${port}`;
    expect(await get(socket, host)).toMatch(/^HTTP\/1\.1 \d{3}/);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(socket.destroyed).toBe(false);
    expect(await get(socket, host)).toMatch(/^HTTP\/1\.1 \d{3}/);
    socket.destroy();
  });
});
