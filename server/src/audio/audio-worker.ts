import { Worker } from 'node:worker_threads';
import type { SpeakerAnalysis } from '../voice-build/voice-from-recordings';
import type { RecordingCheck } from './audio-jobs';
import { WavFormatError } from './wav-header';

const WORKER_URL = new URL('./audio-jobs-worker.mjs', import.meta.url);

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type WorkerMessage =
  | { ready: true }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name?: string; message: string; code?: string } };

/**
 * One worker thread for the server's audio work (audio-jobs.ts), started on first use. Jobs run one after another
 * in the worker; the event loop only posts bytes and receives small results. A crashed worker fails its jobs and
 * is replaced on the next call.
 */
export class AudioWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  inspectRecording(bytes: Uint8Array): Promise<RecordingCheck> {
    return this.run('inspectRecording', bytes) as Promise<RecordingCheck>;
  }

  analyseRecordingFiles(files: { path: string; transcript: string }[]): Promise<SpeakerAnalysis> {
    return this.run('analyseRecordingFiles', files) as Promise<SpeakerAnalysis>;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('audio worker is closed'));
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private run(kind: string, args: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('audio worker is closed'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, kind, args });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) return;
      const job = this.pending.get(msg.id);
      if (!job) return;
      this.pending.delete(msg.id);
      if (msg.ok) job.resolve(msg.result);
      else job.reject(toError(msg.error));
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', (e) => lost(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => lost(new Error(`audio worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
}

function toError(e: { name?: string; message: string; code?: string }): Error {
  if (e.name === 'WavFormatError' && e.code) return new WavFormatError(e.message, e.code as WavFormatError['code']);
  return new Error(e.message);
}
