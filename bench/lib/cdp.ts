// DevTools-protocol access to the extension's own contexts (service worker, offscreen document), which Playwright
// does not expose as pages. A page's CDP session attaches to them through Target.attachToTarget in non-flattened
// mode and talks over Target.sendMessageToTarget (Playwright's CDPSession cannot route flattened child sessions).
import type { BrowserContext, CDPSession } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export class TargetSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly root: CDPSession,
    readonly sessionId: string,
    readonly targetId: string,
  ) {
    root.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as Reply;
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

export class ExtensionTargets {
  private root: CDPSession | undefined;
  private readonly sessions = new Map<string, TargetSession>();

  constructor(private readonly context: BrowserContext) {}

  private async rootSession(): Promise<CDPSession> {
    if (this.root) return this.root;
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.root = await this.context.newCDPSession(page);
    return this.root;
  }

  async find(match: (t: TargetInfo) => boolean): Promise<TargetInfo | undefined> {
    const root = await this.rootSession();
    const { targetInfos } = (await root.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.find(match);
  }

  /** A session on the first target matching; undefined when there is none (e.g. no offscreen document now). */
  async attach(match: (t: TargetInfo) => boolean): Promise<TargetSession | undefined> {
    const target = await this.find(match);
    if (!target) return undefined;
    const cached = this.sessions.get(target.targetId);
    if (cached) return cached;
    const root = await this.rootSession();
    const { sessionId } = (await root.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
      sessionId: string;
    };
    const session = new TargetSession(root, sessionId, target.targetId);
    this.sessions.set(target.targetId, session);
    return session;
  }

  serviceWorker(extensionId: string): Promise<TargetSession | undefined> {
    return this.attach((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  }

  offscreen(extensionId: string): Promise<TargetSession | undefined> {
    return this.attach((t) => t.url === `chrome-extension://${extensionId}/offscreen.html`);
  }
}
