import { useCommittedDraft } from './use-committed-draft';

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
  const { shown: draft, draft: setDraft, commit } = useCommittedDraft(value);
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
          commit(next);
          onCommit(next);
        }}
      />
    </div>
  );
}
