import { ACTIVE_STATUSES, type ReadingStatus } from '../utils/reading/reading-state';

interface Props {
  status: ReadingStatus;
  busy: boolean;
  onRead(): void;
  onPauseResume(): void;
  onStop(): void;
  /** command name → its keys now (use-command-shortcuts.ts); a command without keys announces none. */
  shortcuts: Record<string, string>;
}

/** Read / pause-resume / stop. Native buttons: keyboard operable and announced by screen readers. */
export function PlaybackControls({ status, busy, onRead, onPauseResume, onStop, shortcuts }: Props) {
  const active = ACTIVE_STATUSES.includes(status);
  return (
    <div class="controls" role="group" aria-label="Playback">
      {active ? (
        <button
          type="button"
          onClick={onPauseResume}
          disabled={busy || status === 'extracting'}
          aria-keyshortcuts={shortcuts['pause-resume']}
        >
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
      ) : (
        <button type="button" onClick={onRead} disabled={busy} aria-keyshortcuts={shortcuts['read-aloud']}>
          Read aloud
        </button>
      )}
      <button type="button" onClick={onStop} disabled={!active} aria-keyshortcuts={shortcuts.stop}>
        Stop
      </button>
    </div>
  );
}
