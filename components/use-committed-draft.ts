// A slider whose every step is saved (volume, speed): what it shows while the user moves it, and the stored value
// once that comes back. Quick key presses commit one step each and the stored value returns for each in turn; an
// answer for an earlier step must not pull the slider back under the next key press (four presses would end one or
// two steps short).
import { useEffect, useRef, useState } from 'preact/hooks';

/** How long an answer for an earlier step may still arrive after a newer one was committed. */
const STALE_ECHO_MS = 2000;

export interface CommittedDraft {
  /** The value to show. */
  shown: number;
  /** The user is moving it (input). */
  draft(to: number): void;
  /** The user let go of `to` (change); the caller saves it. */
  commit(to: number): void;
}

export function useCommittedDraft(value: number): CommittedDraft {
  const [shown, setShown] = useState(value);
  const pending = useRef<{ value: number; at: number } | null>(null);
  useEffect(() => {
    const p = pending.current;
    if (p && p.value !== value && Date.now() - p.at < STALE_ECHO_MS) return;
    pending.current = null;
    setShown(value);
  }, [value]);
  return {
    shown,
    draft: setShown,
    commit: (to) => {
      pending.current = { value: to, at: Date.now() };
      setShown(to);
    },
  };
}
