// A number setting typed in a field: stored on Enter or when the field is left, a refusal shown under it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseNumberDraft, type NumberField, type NumberFieldSpec } from './reading-fields';

export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p id={id} class="field-error">
      {text}
    </p>
  ) : null;
}

export function NumberSetting({
  spec,
  value,
  error,
  onCommit,
  onValid,
}: {
  spec: NumberFieldSpec;
  value: number;
  error: string | undefined;
  onCommit: (field: NumberField, text: string) => void;
  onValid: (field: NumberField) => void;
}) {
  const [text, setText] = useState(String(value));
  const input = useRef<HTMLInputElement>(null);
  // Another context (the popup, an import) changed the value: show it, unless the person is typing here.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(String(value));
  }, [value]);

  // Enter commits, and Chrome may follow it with a change event for the same text: store it once.
  const committed = useRef<string | null>(null);
  const commit = () => {
    if (text === committed.current) return;
    committed.current = text;
    if (error === undefined && Number(text) === value && text.trim() !== '') return;
    onCommit(spec.field, text);
  };
  const hintId = `${spec.id}-hint`;
  const errorId = `${spec.id}-error`;
  return (
    <div class="field">
      <label for={spec.id}>{spec.label}</label>
      <input
        id={spec.id}
        ref={input}
        type="number"
        inputMode="decimal"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={text}
        aria-describedby={describedBy(hintId, error && errorId)}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          committed.current = null;
          // A mistake being corrected: its message goes as soon as the value is acceptable (stored on commit).
          if (error && parseNumberDraft(spec.field, next).ok) onValid(spec.field);
        }}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <p id={hintId} class="hint">
        {spec.hint}
      </p>
      <FieldError id={errorId} text={error} />
    </div>
  );
}
