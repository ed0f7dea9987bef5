import type { ReadingState } from '../utils/reading/reading-state';
import { describeReading } from '../utils/reading/status-text';

interface Props {
  state: ReadingState;
  onAction(action: string): void;
}

const ACTION_LABELS: Record<string, string> = {
  settings: 'Open settings',
  'sign-in': 'Sign in',
  retry: 'Try again',
  'read-page': 'Read the whole page',
};

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
          {ACTION_LABELS[action] ?? 'Open settings'}
        </button>
      ) : null}
    </section>
  );
}
