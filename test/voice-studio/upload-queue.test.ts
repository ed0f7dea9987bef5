import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { VocalidApiError } from '../../utils/vocalid/api-error';
import type { SentenceStatusCode } from '../../utils/vocalid/recording-api';
import { createTakeStore, type Take } from '../../utils/voice-studio/take-store';
import { createUploadQueue, retryDelayMs } from '../../utils/voice-studio/upload-queue';
import { take } from './take-fixture';

let n = 0;
const freshStore = () => createTakeStore(createStore(`upload-test-${++n}`, 'takes'));

function recorder(answers: Record<string, SentenceStatusCode | Error>) {
  const sent: string[] = [];
  return {
    sent,
    upload: async (t: Take) => {
      sent.push(t.id);
      const answer = answers[t.id] ?? 'OK';
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const serverDown = () =>
  new VocalidApiError({
    status: 503,
    code: 'unavailable',
    retryable: true,
    message: '503',
    userMessage: 'Server has a problem.',
  });
const badInput = () => new VocalidApiError({ status: 400, code: 'not_wav', message: '400', userMessage: 'Not a WAV.' });

describe('upload queue', () => {
  it('sends queued takes in recording order, keeps the verdict and drops the audio once answered', async () => {
    const store = freshStore();
    await store.put(take('b', 20, { state: 'queued' }));
    await store.put(take('a', 10, { state: 'queued' }));
    await store.put(take('c', 30)); // recorded only: not sent until the speaker sends it
    const server = recorder({ b: 'UNDERDRIVEN' });
    const next = await createUploadQueue({ store, upload: server.upload }).run();
    expect(next).toBeUndefined();
    expect(server.sent).toEqual(['a', 'b']);
    const [a, b, c] = await store.list();
    expect([a!.state, a!.verdict, a!.wav]).toEqual(['done', 'OK', undefined]);
    expect([b!.state, b!.verdict]).toEqual(['done', 'UNDERDRIVEN']);
    expect([c!.state, c!.wav === undefined]).toEqual(['recorded', false]);
  });

  it('a worker that stopped mid-upload: the next worker sends the take again, and never a take already answered', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    await store.put(take('b', 20, { state: 'done', verdict: 'OK', wav: undefined }));
    // The first worker starts the upload and dies before the answer (its promise never settles).
    const dying = createUploadQueue({ store, upload: () => new Promise<SentenceStatusCode>(() => undefined) });
    void dying.enqueue('a');
    await expect.poll(async () => (await store.get('a'))?.state).toBe('uploading');
    // A new worker over the same store.
    const server = recorder({});
    await createUploadQueue({ store, upload: server.upload }).run();
    expect(server.sent).toEqual(['a']);
    const a = await store.get('a');
    expect([a?.state, a?.verdict, a?.attempts, a?.wav]).toEqual(['done', 'OK', 2, undefined]);
  });

  it('a failure that may pass keeps the take queued with its audio, and sends it again once due', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    let clock = 1_000_000;
    const answers: Record<string, SentenceStatusCode | Error> = { a: serverDown() };
    const server = recorder(answers);
    const queue = createUploadQueue({ store, upload: server.upload, now: () => clock });
    const settled = await queue.enqueue('a');
    expect(settled?.state).toBe('queued');
    expect(settled?.error).toBe('Server has a problem.');
    expect(settled?.nextAttemptAt).toBe(clock + retryDelayMs(1));
    expect(settled?.wav).toBeDefined();
    // Not due yet: nothing is sent, and the queue says when it will be.
    expect(await queue.run()).toBe(clock + 5_000);
    expect(server.sent).toEqual(['a']);
    clock += 5_000;
    answers.a = 'OK';
    expect(await queue.run()).toBeUndefined();
    expect(server.sent).toEqual(['a', 'a']);
    expect((await store.get('a'))?.state).toBe('done');
  });

  it('a refusal keeps the audio and the reason; the speaker may send it again', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    const answers: Record<string, SentenceStatusCode | Error> = { a: badInput() };
    const server = recorder(answers);
    const queue = createUploadQueue({ store, upload: server.upload });
    const failed = await queue.enqueue('a');
    expect([failed?.state, failed?.error, failed?.wav !== undefined]).toEqual(['failed', 'Not a WAV.', true]);
    expect(await queue.run()).toBeUndefined(); // failed takes are not retried by themselves
    answers.a = 'OK';
    expect((await queue.enqueue('a'))?.state).toBe('done');
    expect(server.sent).toEqual(['a', 'a']);
  });

  it('takes queued while a run is going are sent by it, one upload at a time', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    await store.put(take('b', 20));
    let inFlight = 0;
    let most = 0;
    const queue = createUploadQueue({
      store,
      upload: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return 'OK';
      },
    });
    const [a, b] = await Promise.all([queue.enqueue('a'), queue.enqueue('b')]);
    expect([a?.state, b?.state]).toEqual(['done', 'done']);
    expect(most).toBe(1);
  });

  it('backs off 5 s, 10 s, 20 s … up to 5 minutes, or as long as the server asks', () => {
    expect([1, 2, 3, 10].map((a) => retryDelayMs(a))).toEqual([5_000, 10_000, 20_000, 300_000]);
    expect(retryDelayMs(1, 60_000)).toBe(60_000);
  });
});
