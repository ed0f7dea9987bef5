// The reading as a view shows it. States reach a view by two routes: the answer to its own request (seek, pause…)
// and the store's change events (every save, utils/reading/reading-session.ts watchReadingState). They are not
// ordered with each other: the answer to the second of three quick seeks can arrive after the change event of the
// third, and showing it would leave the view one sentence behind until the next save. Every save raises a change
// event, so the change events alone end on the newest state; an answer is shown only when no change event came
// while it was awaited (then nothing newer is known yet).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { watchReadingState } from '../utils/reading/reading-session';
import { idleState, type ReadingState } from '../utils/reading/reading-state';

export interface ReadingStateView {
  state: ReadingState;
  /** Shows the state a request answers with, unless a newer one arrived meanwhile. */
  adopt(answer: Promise<ReadingState>): Promise<void>;
}

export function useReadingState(initial: () => Promise<ReadingState>): ReadingStateView {
  const [state, setState] = useState<ReadingState>(idleState());
  /** How many change events have been shown: an answer awaited across one is older than what is shown. */
  const changes = useRef(0);

  const adopt = useCallback(async (answer: Promise<ReadingState>) => {
    const before = changes.current;
    const answered = await answer;
    if (changes.current === before) setState(answered);
  }, []);

  useEffect(() => {
    const unwatch = watchReadingState((next) => {
      changes.current++;
      setState(next);
    });
    void adopt(initial());
    return unwatch;
    // Once per view: the state is asked for when it opens; later ones come from the store.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `initial` is a new function each render.
  }, [adopt]);

  return { state, adopt };
}
