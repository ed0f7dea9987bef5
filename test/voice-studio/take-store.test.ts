import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { createTakeStore, summarizeTake } from '../../utils/voice-studio/take-store';
import { take } from './take-fixture';

let n = 0;
const freshStore = () => createTakeStore(createStore(`takes-test-${++n}`, 'takes'));

describe('take store', () => {
  it('keeps takes with their audio, listed in recording order', async () => {
    const store = freshStore();
    await store.put(take('b', 20));
    await store.put(take('a', 10));
    const list = await store.list();
    expect(list.map((t) => t.id)).toEqual(['a', 'b']);
    expect(new Uint8Array(list[0]!.wav!)).toEqual(new Uint8Array([1, 2, 3, 4]));
  });

  it('changes one take at a time and tells when it is gone', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    const changed = await store.update('a', (t) => ({ ...t, state: 'queued' }));
    expect(changed?.state).toBe('queued');
    expect((await store.get('a'))?.state).toBe('queued');
    expect(await store.update('missing', (t) => t)).toBeUndefined();
    // A missing take is not brought back as an empty entry.
    expect((await store.list()).map((t) => t.id)).toEqual(['a']);
  });

  it('deletes one take or all of them', async () => {
    const store = freshStore();
    await store.put(take('a', 10));
    await store.put(take('b', 20));
    await store.delete('a');
    expect((await store.list()).map((t) => t.id)).toEqual(['b']);
    await store.clear();
    expect(await store.list()).toEqual([]);
  });

  it('pages are told about a take without its audio', () => {
    const summary = summarizeTake(take('a', 10));
    expect('wav' in summary).toBe(false);
    expect(summary.hasAudio).toBe(true);
  });
});
