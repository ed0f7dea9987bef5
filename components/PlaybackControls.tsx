import type { ReadingStatus } from '../utils/reading/reading-state';

interface Props {
  status: ReadingStatus;
  busy: boolean;
  onRead(): void;
  onPauseResume(): void;
  onStop(): void;
}

/** Read / pause-resume / stop. Native buttons: keyboard operable and announced by screen readers. */
export function PlaybackControls({ status, busy, onRead, onPauseResume, onStop }: Props) {
  const active = status === 'extracting' || status === 'loading' || status === 'playing' || status === 'paused';
  return (
    <div class="controls" role="group" aria-label="Playback">
      {active ? (
        <button type="button" onClick={onPauseResume} disabled={busy || status === 'extracting'} aria-keyshortcuts="Alt+Shift+P">
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
      ) : (
        <button type="button" onClick={onRead} disabled={busy} aria-keyshortcuts="Alt+Shift+Y">
          Read aloud
        </button>
      )}
      <button type="button" onClick={onStop} disabled={busy || !active} aria-keyshortcuts="Alt+Shift+S">
        Stop
      </button>
    </div>
  );
}
