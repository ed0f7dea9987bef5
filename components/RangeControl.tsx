import { useEffect, useRef, useState } from 'preact/hooks';

/** How long an answer for an earlier step may still arrive after a newer one was committed. */
const STALE_ECHO_MS = 2000;

interface Props {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format(value: number): string;
  /** The commands' keys that change this setting too (aria-keyshortcuts). */
  keyshortcuts?: string;
  /** Called when the user lets go (change), not on every step, so each setting is saved once. */
  onCommit(value: number): void;
}

export function RangeControl({ id, label, min, max, step, value, format, keyshortcuts, onCommit }: Props) {
  const [draft, setDraft] = useState(value);
  // Quick key presses commit one step each; the stored value comes back for each in turn. An answer for an earlier
  // step must not pull the slider back under the next key press (four presses would end one or two steps short).
  const pending = useRef<{ value: number; at: number } | null>(null);
  useEffect(() => {
    const p = pending.current;
    if (p && p.value !== value && Date.now() - p.at < STALE_ECHO_MS) return;
    pending.current = null;
    setDraft(value);
  }, [value]);
  return (
    <div class="field">
      <label for={id}>
        {label} <output for={id}>{format(draft)}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={draft}
        aria-valuetext={format(draft)}
        aria-keyshortcuts={keyshortcuts || undefined}
        onInput={(e) => setDraft(Number((e.currentTarget as HTMLInputElement).value))}
        onChange={(e) => {
          const next = Number((e.currentTarget as HTMLInputElement).value);
          pending.current = { value: next, at: Date.now() };
          onCommit(next);
        }}
      />
    </div>
  );
}
