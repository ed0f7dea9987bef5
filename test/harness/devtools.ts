// DevTools-protocol access to the extension's own contexts (service worker, offscreen document), which Playwright
// does not expose as pages: listing them, stopping them as Chrome does, and evaluating in them. One browser-level
// session per browser (a page-level session's ServiceWorker.stopAllWorkers closed the whole context;
// Target.closeTarget on the worker target from a browser session stops just the worker). Targets are attached in
// non-flattened mode and talked to over Target.sendMessageToTarget (Playwright's CDPSession cannot route flattened
// child sessions).
import type { BrowserContext, CDPSession } from 'playwright-core';
import type { LaunchedBrowser } from './chromium';
import { hasTestApi } from './test-api-client';
import { sleep, waitFor } from './wait';

export interface DevToolsTarget {
  targetId: string;
  type: string;
  url: string;
}

const browserSessions = new WeakMap<BrowserContext, Promise<CDPSession>>();

/** The browser-level DevTools session of this browser (one per browser, made on first use). */
export function browserDevTools(b: Pick<LaunchedBrowser, 'context'>): Promise<CDPSession> {
  let session = browserSessions.get(b.context);
  if (!session) {
    const owner = b.context.browser();
    if (!owner) throw new Error('this context has no Browser object, so no browser-level DevTools session');
    session = owner.newBrowserCDPSession();
    browserSessions.set(b.context, session);
  }
  return session;
}

export async function devToolsTargets(b: Pick<LaunchedBrowser, 'context'>): Promise<DevToolsTarget[]> {
  const cdp = await browserDevTools(b);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: DevToolsTarget[] };
  return targetInfos;
}

export const isOurWorker = (b: Pick<LaunchedBrowser, 'extensionId'>) => (t: DevToolsTarget) =>
  t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`);
export const isOurOffscreen = (b: Pick<LaunchedBrowser, 'extensionId'>) => (t: DevToolsTarget) =>
  t.url.startsWith(`chrome-extension://${b.extensionId}/offscreen.html`);

export async function serviceWorkerRunning(b: LaunchedBrowser): Promise<boolean> {
  return (await devToolsTargets(b)).some(isOurWorker(b));
}

export async function offscreenDocumentOpen(b: LaunchedBrowser): Promise<boolean> {
  return (await devToolsTargets(b)).some(isOurOffscreen(b));
}

/**
 * Stops the extension's service worker the way Chrome does when it is idle, without touching the test's
 * connection; Playwright's Worker object (b.sw) attaches to the next instance by itself. Returns once the worker
 * is gone. Something must wake it again (a playback event, a message, an extension page).
 */
export async function stopServiceWorker(b: LaunchedBrowser, timeoutMs = 15_000): Promise<void> {
  const cdp = await browserDevTools(b);
  // A marker on the current instance: the worker can be woken again (by the reading's own events) before a poll
  // sees its target gone, so "stopped" is proven by the marker missing as well.
  const marker = `stop-${Date.now()}-${Math.random()}`;
  type Marked = typeof globalThis & { __reliabilityMarker?: string };
  await b.sw.evaluate((m) => void ((globalThis as Marked).__reliabilityMarker = m), marker);
  const sameInstance = () =>
    Promise.race([
      b.sw.evaluate(() => (globalThis as Marked).__reliabilityMarker ?? null).then((m) => m === marker),
      sleep(500).then(() => true),
    ]).catch(() => false);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const target = (await devToolsTargets(b)).find(isOurWorker(b));
    if (!target) return;
    await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
    const closeSent = Date.now();
    while (Date.now() - closeSent < 3000) {
      if (!(await serviceWorkerRunning(b))) return;
      if (!(await sameInstance())) return;
      await sleep(25);
    }
  }
  throw new Error(`the service worker did not stop within ${timeoutMs} ms`);
}

/** Waits until a worker is running again (woken by the extension's own events) and answers evaluations. */
export async function waitForServiceWorker(b: LaunchedBrowser, timeoutMs = 20_000): Promise<void> {
  await waitFor(() => serviceWorkerRunning(b), timeoutMs, 'the service worker to start again', 25);
  await waitFor(() => hasTestApi(b.sw), timeoutMs, 'the restarted service worker to install its test API');
}

/** Closes the offscreen document from outside, as Chrome does (the extension is not told). */
export async function closeOffscreenDocument(b: LaunchedBrowser): Promise<boolean> {
  const target = (await devToolsTargets(b)).find(isOurOffscreen(b));
  if (!target) return false;
  const cdp = await browserDevTools(b);
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  // Wait for that document to be gone, not for "no offscreen document": the extension may already have created the
  // next one (it recreates its player as soon as it needs it), which would hide the close from a poll.
  await waitFor(
    async () => !(await devToolsTargets(b)).some((t) => t.targetId === target.targetId),
    10_000,
    'the offscreen document to close',
    25,
  );
  return true;
}

interface Reply {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** One attached target: commands with replies, and its events. */
export class TargetSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((method: string, params: unknown) => void)[] = [];

  constructor(
    private readonly root: CDPSession,
    readonly sessionId: string,
    readonly targetId: string,
  ) {
    root.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as Reply;
      if (reply.method !== undefined) for (const l of this.listeners) l(reply.method, reply.params);
      if (reply.id === undefined) return;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    });
    root.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
      if (event.sessionId !== this.sessionId) return;
      for (const waiter of this.pending.values()) waiter.reject(new Error('target detached'));
      this.pending.clear();
    });
  }

  /** Every protocol event of this target (after the matching domain is enabled). */
  onEvent(listener: (method: string, params: unknown) => void): void {
    this.listeners.push(listener);
  }

  async call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    await this.root.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return (await reply) as T;
  }

  /** Evaluates an expression in the target and returns its (awaited, JSON) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const res = await this.call<{
      result: { value?: T };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (res.exceptionDetails) throw new Error(res.exceptionDetails.exception?.description ?? res.exceptionDetails.text);
    return res.result.value as T;
  }

  /** JS heap in use after a full GC, in bytes. */
  async heapAfterGc(): Promise<number> {
    await this.call('HeapProfiler.enable');
    // Two passes: the first can leave garbage that finalisers of the first pass released.
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const usage = await this.call<{ usedSize: number }>('Runtime.getHeapUsage');
    return usage.usedSize;
  }
}

/** Sessions on the extension's own targets, attached once each. */
export class ExtensionTargets {
  private readonly sessions = new Map<string, TargetSession>();

  constructor(private readonly b: Pick<LaunchedBrowser, 'context' | 'extensionId'>) {}

  /** A session on the first target matching; undefined when there is none (e.g. no offscreen document now). */
  async attach(match: (t: DevToolsTarget) => boolean): Promise<TargetSession | undefined> {
    const target = (await devToolsTargets(this.b)).find(match);
    if (!target) return undefined;
    const cached = this.sessions.get(target.targetId);
    if (cached) return cached;
    const root = await browserDevTools(this.b);
    const { sessionId } = (await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
      sessionId: string;
    };
    const session = new TargetSession(root, sessionId, target.targetId);
    this.sessions.set(target.targetId, session);
    return session;
  }

  serviceWorker(): Promise<TargetSession | undefined> {
    return this.attach(isOurWorker(this.b));
  }

  offscreen(): Promise<TargetSession | undefined> {
    return this.attach((t) => t.url === `chrome-extension://${this.b.extensionId}/offscreen.html`);
  }
}
