import type { ReadingState } from '../utils/reading/reading-state';
import { errorActionLabel } from '../utils/reading/reading-message';
import { describeReading } from '../utils/reading/status-text';

interface Props {
  state: ReadingState;
  onAction(action: string): void;
}

/** A live region: screen readers hear state changes without moving focus. */
export function ReadingStatusView({ state, onAction }: Props) {
  const text = describeReading(state);
  const action = state.status === 'error' ? state.error?.action : undefined;
  return (
    <section class={`status status-${state.status}`} aria-live="polite">
      <p class="headline" role={state.status === 'error' ? 'alert' : undefined}>
        {text.headline}
      </p>
      {text.progress ? <p class="progress">{text.progress}</p> : null}
      {action ? (
        <button type="button" onClick={() => onAction(action)}>
          {errorActionLabel(action)}
        </button>
      ) : null}
    </section>
  );
}
