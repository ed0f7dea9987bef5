import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { espeakPitch, espeakSpeed } from './prosody-mapping';
import type { EncodeOptions } from './wav-encode';

export const ESPEAK_SAMPLE_RATE = 22050;

export interface SynthesisRequest {
  espeakVoice: string;
  basePitch: number;
  baseSpeed: number;
  /** API modifier in (0, 10] */
  pitch: number;
  /** API modifier in (0, 10] */
  rate: number;
  text: string;
}

export interface SynthesisResult {
  samples: Int16Array;
  sampleRate: typeof ESPEAK_SAMPLE_RATE;
}

interface Job {
  id: number;
  payload: { voice: string; pitch: number; speed: number; text: string; encode?: EncodeOptions };
  resolve: (r: Int16Array | Uint8Array) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

type WorkerMessage =
  | { ready: true }
  | { id: number; ok: true; result: Int16Array | Uint8Array }
  | { id: number; ok: false; error: string };

const WORKER_URL = new URL('./espeak-worker.mjs', import.meta.url);
/** A synthesis taking longer than this means a stuck worker: it is replaced. */
const JOB_TIMEOUT_MS = 20_000;

/**
 * A fixed pool of worker threads, each with one eSpeak NG WASM instance, fed from one FIFO queue. Synthesis is
 * CPU-bound, so the pool size defaults to the number of cores and extra requests wait in the queue.
 */
export class SpeechPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size = availableParallelism()) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  /** Resolves once every worker has its engine instantiated (startup and tests). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Raw eSpeak output: 16-bit mono samples at 22050 Hz. */
  async synthesize(req: SynthesisRequest): Promise<SynthesisResult> {
    const samples = (await this.run(req)) as Int16Array;
    return { samples, sampleRate: ESPEAK_SAMPLE_RATE };
  }

  /** Synthesis plus resampling and container encoding (wav-encode.ts), all inside the worker. */
  async synthesizeEncoded(req: SynthesisRequest, encode: EncodeOptions): Promise<Uint8Array> {
    return (await this.run(req, encode)) as Uint8Array;
  }

  private run(req: SynthesisRequest, encode?: EncodeOptions): Promise<Int16Array | Uint8Array> {
    if (this.closed) return Promise.reject(new Error('speech pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        payload: {
          voice: req.espeakVoice,
          pitch: espeakPitch(req.basePitch, req.pitch),
          speed: espeakSpeed(req.baseSpeed, req.rate),
          text: req.text,
          encode,
        },
        resolve,
        reject,
      });
      this.pump();
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('speech pool is closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new Error('speech pool is closed'));
        slot.job = null;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    const slot: Slot = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failReady = reject;
      }),
      isReady: false,
      job: null,
      timer: null,
    };
    // Nobody may be awaiting ready(); a failed start is reported through the jobs instead.
    slot.ready.catch(() => undefined);
    worker.unref();
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) {
        slot.isReady = true;
        markReady();
        this.pump();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      this.finish(slot);
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new Error(msg.error));
      this.pump();
    });
    const replace = (error: Error) => {
      failReady(error);
      const job = slot.job;
      this.finish(slot);
      job?.reject(error);
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !this.closed) {
        this.slots[index] = this.spawn();
      }
    };
    worker.on('error', (e) => replace(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => {
      if (!this.closed) replace(new Error(`speech worker exited (${code})`));
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      // A worker still instantiating its engine calls pump() again when it is ready.
      if (slot.job || !slot.isReady) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        void slot.worker.terminate();
      }, JOB_TIMEOUT_MS);
      slot.worker.postMessage({ id: job.id, job: job.payload });
    }
  }
}
