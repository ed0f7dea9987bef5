// A minimal Marionette client (Firefox's own remote protocol: length-prefixed JSON over TCP,
// https://firefox-source-docs.mozilla.org/testing/marionette/Protocol.html). WebDriver BiDi hides extension pages
// (moz-extension://) from its clients until Firefox supports debugging them (bug 1755014), but Marionette's
// commands reach every frame: the tests open the popup and Options as tabs and drive them through this, with the
// same trusted clicks a person makes (permissions.request and launchWebAuthFlow need user input).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firefoxBuild, firefoxPath, firefoxPrefs } from './firefox';
import { waitFor } from './wait';

export interface MarionetteClient {
  send<T = unknown>(name: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

type Reply = [1, number, { error: string; message: string } | null, unknown];

export async function connectMarionette(port: number, timeoutMs = 20_000): Promise<MarionetteClient> {
  const deadline = Date.now() + timeoutMs;
  let socket: Socket | undefined;
  for (;;) {
    try {
      socket = await new Promise<Socket>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Marionette did not listen on port ${port}: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const sock = socket;
  let buffer = Buffer.alloc(0);
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; name: string }>();
  let greeted: () => void;
  const greeting = new Promise<void>((r) => (greeted = r));
  let first = true;
  sock.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString('ascii'));
      if (buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as unknown;
      buffer = buffer.subarray(colon + 1 + length);
      if (first) {
        first = false;
        greeted();
        continue;
      }
      const [, id, error, result] = packet as Reply;
      const w = waiting.get(id);
      if (!w) continue;
      waiting.delete(id);
      if (error) w.reject(new Error(`${w.name}: ${error.error}: ${error.message}`));
      else w.resolve(result);
    }
  });
  sock.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error(`${w.name}: Marionette connection closed`));
    waiting.clear();
  });
  await greeting;
  let nextId = 1;
  const send = <T>(name: string, params: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, name });
      const body = Buffer.from(JSON.stringify([0, id, name, params]), 'utf8');
      sock.write(`${body.length}:`);
      sock.write(body);
    });
  await send('WebDriver:NewSession', { capabilities: {} });
  return { send, close: () => sock.destroy() };
}

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
type ElementRef = Record<typeof ELEMENT, string>;

/** Firefox driven through Marionette alone, for the tests that click in the extension's own pages. */
export interface MarionetteFirefox {
  m: MarionetteClient;
  /** moz-extension://<uuid>/ */
  origin: string;
  /** Opens `url` in a new tab and makes it the current one. */
  openTab(url: string): Promise<void>;
  /** Makes the first window whose address passes `test` current (waiting for it); returns its address. */
  switchTo(test: (url: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** The element a CSS selector (or an `xpath:` prefixed XPath) finds in the current window, waited for. */
  find(selector: string, timeoutMs?: number): Promise<ElementRef>;
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  text(selector: string): Promise<string>;
  /** Runs a function body in the current window and returns its value (WebDriver "execute script"). */
  run<T>(script: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function launchFirefoxMarionette(
  opts: { extensionDir?: string; prefs?: Record<string, unknown> } = {},
): Promise<MarionetteFirefox> {
  const dir = firefoxBuild(opts.extensionDir);
  const uuid = randomUUID();
  const profile = await mkdtemp(path.join(tmpdir(), 'vocalid-ff-marionette-'));
  const port = await freePort();
  const prefs = { ...firefoxPrefs(uuid), ...opts.prefs, 'marionette.port': port };
  await writeFile(
    path.join(profile, 'user.js'),
    Object.entries(prefs)
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  );
  const child = spawn(firefoxPath, ['--headless', '--marionette', '--no-remote', '--profile', profile], {
    stdio: process.env.VOCALID_FIREFOX_LOG === '1' ? 'inherit' : 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true });
  };
  let m: MarionetteClient;
  try {
    m = await connectMarionette(port, 30_000);
    await m.send('Addon:Install', { path: dir, temporary: true });
  } catch (err) {
    await close();
    throw err;
  }

  const find = (selector: string, timeoutMs = 10_000) =>
    waitFor(
      async () => {
        const [using, value] = selector.startsWith('xpath:')
          ? ['xpath', selector.slice('xpath:'.length)]
          : ['css selector', selector];
        const found = await m
          .send<{ value: ElementRef } | ElementRef>('WebDriver:FindElement', { using, value })
          .catch(() => undefined);
        if (!found) return undefined;
        return 'value' in found ? found.value : found;
      },
      timeoutMs,
      `an element ${selector}`,
    );
  const idOf = (el: ElementRef) => el[ELEMENT];
  const value = <T>(r: unknown): T =>
    r && typeof r === 'object' && 'value' in r ? (r as { value: T }).value : (r as T);

  return {
    m,
    origin: `moz-extension://${uuid}/`,
    async openTab(url) {
      // NewWindow needs a current window, and the last one may have been closed (the bridge tab closes itself).
      const [first] = value<string[]>(await m.send('WebDriver:GetWindowHandles'));
      if (first) await m.send('WebDriver:SwitchToWindow', { handle: first });
      const { handle } = value<{ handle: string }>(await m.send('WebDriver:NewWindow', { type: 'tab' }));
      await m.send('WebDriver:SwitchToWindow', { handle });
      await m.send('WebDriver:Navigate', { url }).catch(() => undefined);
    },
    switchTo: (test, what, timeoutMs = 15_000) =>
      waitFor(
        async () => {
          for (const handle of value<string[]>(await m.send('WebDriver:GetWindowHandles'))) {
            const ok = await m.send('WebDriver:SwitchToWindow', { handle }).then(
              () => true,
              () => false,
            );
            if (!ok) continue;
            const url = value<string>(await m.send('WebDriver:GetCurrentURL').catch(() => ''));
            if (test(url)) return url;
          }
          return undefined;
        },
        timeoutMs,
        what,
      ),
    find,
    async click(selector) {
      await m.send('WebDriver:ElementClick', { id: idOf(await find(selector)) });
    },
    async type(selector, text) {
      const id = idOf(await find(selector));
      await m.send('WebDriver:ElementClear', { id });
      await m.send('WebDriver:ElementSendKeys', { id, text });
    },
    async text(selector) {
      return value<string>(await m.send('WebDriver:GetElementText', { id: idOf(await find(selector)) }));
    },
    async run<T>(script: string, ...args: unknown[]) {
      return value<T>(await m.send('WebDriver:ExecuteScript', { script, args }));
    },
    async close() {
      m.close();
      await close();
    },
  };
}

/** A port nothing listens on now (Marionette cannot pick one and say which). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
