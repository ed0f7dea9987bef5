// @vitest-environment happy-dom
// The popup's reading state from two unordered routes (components/use-reading-state.ts): the answer to its own
// request and the store's change events. Also how it follows a reading in Chrome, which reports only the keys whose
// value changed (the transport e2e once left the popup at "Sentence 3" while sentence 4 played).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useReadingState, type ReadingStateView } from '../../components/use-reading-state';
import { createSessionReadingStore, unitKey } from '../../utils/reading/reading-session';
import { currentUnitIndex, idleState, type ReadingState } from '../../utils/reading/reading-state';

beforeEach(() => fakeBrowser.reset());
afterEach(() => render(null, document.body));

/** A reading of five sentences, sentence `at` playing. */
function playingAt(at: number): ReadingState {
  const units = Array.from({ length: 5 }, (_, i) => ({
    index: i,
    block: 0,
    text: `Sentence ${i + 1}.`,
    status: i < at ? ('played' as const) : i === at ? ('playing' as const) : ('ready' as const),
    pauseAfterMs: 0,
  }));
  return { ...idleState(), sessionId: 's', tabId: 1, status: 'playing', units } as ReadingState;
}

/** A promise settled from outside, as a message answer is. */
function later<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let view: ReadingStateView;
function Probe({ initial }: { initial: () => Promise<ReadingState> }) {
  view = useReadingState(initial);
  return <p id="at">{currentUnitIndex(view.state)}</p>;
}
const shownIndex = () => Number(document.getElementById('at')!.textContent);

/** Waits until the watcher has read the saved state back and the view re-rendered. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((r) => setTimeout(r, 0)));
}

describe('the reading state a view shows', () => {
  it('keeps a saved state that arrived while an older answer was awaited', async () => {
    const store = createSessionReadingStore();
    await act(() => render(<Probe initial={async () => playingAt(0)} />, document.body));
    await settle();
    expect(shownIndex()).toBe(0);

    // The second seek's answer is still on its way when the third seek's save reaches the view.
    const second = later<ReadingState>();
    const adopted = view.adopt(second.promise);
    await store.save(playingAt(3));
    await settle();
    expect(shownIndex()).toBe(3);
    await act(async () => {
      second.resolve(playingAt(2));
      await adopted;
    });
    expect(shownIndex()).toBe(3);
  });

  it('shows an answer when nothing newer arrived meanwhile', async () => {
    await act(() => render(<Probe initial={async () => playingAt(0)} />, document.body));
    await settle();
    const answer = later<ReadingState>();
    const adopted = view.adopt(answer.promise);
    await act(async () => {
      answer.resolve(playingAt(1));
      await adopted;
    });
    expect(shownIndex()).toBe(1);
  });

  it('follows a sentence that starts without a restart, when only unit keys change', async () => {
    // A sentence ending and the next starting change two units and nothing in the stored head; Chrome reports only
    // the keys whose value changed (https://github.com/w3c/webextensions/issues/511), so this is all it sends.
    const store = createSessionReadingStore();
    await store.save(playingAt(2));
    await act(() => render(<Probe initial={async () => playingAt(2)} />, document.body));
    await settle();
    expect(shownIndex()).toBe(2);
    const next = playingAt(3);
    await fakeBrowser.storage.session.set({ [unitKey(2)]: next.units[2], [unitKey(3)]: next.units[3] });
    await settle();
    expect(shownIndex()).toBe(3);
  });

  it('an initial state answered after a saved one does not replace it', async () => {
    const store = createSessionReadingStore();
    const initial = later<ReadingState>();
    await act(() => render(<Probe initial={() => initial.promise} />, document.body));
    await store.save(playingAt(4));
    await settle();
    await act(async () => {
      initial.resolve(playingAt(0));
      await initial.promise;
    });
    await settle();
    expect(shownIndex()).toBe(4);
  });
});
