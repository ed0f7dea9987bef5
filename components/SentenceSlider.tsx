// The reading's position as a slider, in the popup and the page player: a native range input (click or drag to a
// sentence, announced as "Sentence 12 of 64") whose keys move by sentence and paragraph (sliderKeySeek).
import { useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { sliderKeySeek, type SliderSeek } from '../utils/reading/seek-target';
import { sentencePosition } from './mini-player/format-status';

interface Props {
  id: string;
  /** 0-based sentence being heard. */
  index: number;
  total: number;
  disabled?: boolean;
  onSeek(target: SliderSeek): void;
  /** Wraps the handlers (the page player accepts the user's own input only, utils/dom/trusted-event.ts). */
  guard?<E extends Event>(handler: (e: E) => void): (e: E) => void;
}

/** Where the user moved the slider (`to`), from the sentence heard then (`from`). */
interface Draft {
  from: number;
  to: number;
}

/**
 * The draft still leads while the reading is on its way to it: seeks land one after another between `from` and
 * `to`. Reached, or gone elsewhere (the sentence ended before a seek back landed, another control moved it), the
 * reading's sentence is what the slider shows again.
 */
function leads(draft: Draft | null, index: number): draft is Draft {
  return (
    draft !== null &&
    index !== draft.to &&
    index >= Math.min(draft.from, draft.to) &&
    index <= Math.max(draft.from, draft.to)
  );
}

export function SentenceSlider({ id, index, total, disabled, onSeek, guard = (h) => h }: Props) {
  // A drag, or keys pressed faster than seeks complete. Checked against the sentence at every render rather than
  // cleared by an effect: effects run late, after the next key.
  const draft = useRef<Draft | null>(null);
  const [, rerender] = useState(0);
  if (!leads(draft.current, index)) draft.current = null;
  const shown = draft.current?.to ?? index;
  const setDraft = (to: number): void => {
    draft.current = { from: index, to };
    rerender((n) => n + 1);
  };
  const seek = (target: SliderSeek): void => {
    if ('sentence' in target) {
      if (target.sentence === shown) return;
      setDraft(target.sentence);
    }
    onSeek(target);
  };
  const onKeyDown = guard((e: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    const target = sliderKeySeek(e.key, shown, total);
    if (!target) return;
    // The native slider would move by its own steps (and Page Up/Down by a tenth): ours go by sentence/paragraph.
    e.preventDefault();
    seek(target);
  });
  const value = (e: Event): number => Number((e.currentTarget as HTMLInputElement).value);
  return (
    <input
      id={id}
      class="position"
      type="range"
      min={0}
      max={Math.max(0, total - 1)}
      step={1}
      value={shown}
      disabled={disabled || total === 0}
      aria-valuetext={sentencePosition(shown, total)}
      onKeyDown={onKeyDown}
      onInput={guard((e: Event) => setDraft(value(e)))}
      onChange={guard((e: Event) => {
        // Compared with the reading's sentence, not the draft: input events already moved the draft here.
        const to = value(e);
        setDraft(to);
        if (to !== index) onSeek({ sentence: to });
      })}
    />
  );
}
