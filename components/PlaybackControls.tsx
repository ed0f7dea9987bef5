import { i18n } from '../utils/i18n/i18n';
import type { JSX } from 'preact';
import { ACTIVE_STATUSES, type ReadingStatus } from '../utils/reading/reading-state';
import type { SliderSeek } from '../utils/reading/seek-target';
import { formatRemaining } from './mini-player/format-status';
import { Icon } from './mini-player/icons';
import type { MiniPlayerAction } from './mini-player/mini-player-types';
import { transportControls } from './mini-player/transport-controls';
import { SentenceSlider } from './SentenceSlider';

interface Props {
  status: ReadingStatus;
  busy: boolean;
  /** 0-based sentence being heard, of `total`. */
  index: number;
  total: number;
  remainingMs: number;
  onRead(): void;
  /** A transport button (the same set, order and names as the page player's). */
  onAction(action: MiniPlayerAction): void;
  onSeek(target: SliderSeek): void;
  /** command name → its keys now (use-command-shortcuts.ts); a command without keys announces none. */
  shortcuts: Record<string, string>;
}

/**
 * Read aloud, then the transport: previous/next paragraph and sentence, play/pause, stop, and the position slider
 * with the time left. Native buttons and a native slider: keyboard operable and announced by screen readers.
 */
export function PlaybackControls(props: Props) {
  const { status, busy, shortcuts } = props;
  const active = ACTIVE_STATUSES.includes(status);
  if (!active) {
    return (
      <div class="controls" role="group" aria-label={i18n.t('popup.playback')}>
        <button
          type="button"
          class="primary"
          onClick={props.onRead}
          disabled={busy}
          aria-keyshortcuts={shortcuts['read-aloud']}
        >
          {i18n.t('popup.readAloud')}
        </button>
      </div>
    );
  }
  const playing = status === 'playing' || status === 'loading';
  const button = (c: ReturnType<typeof transportControls>[number]): JSX.Element => (
    <button
      type="button"
      key={c.action}
      class={c.action === 'toggle' ? 'icon primary' : 'icon'}
      aria-label={c.label}
      title={c.label}
      data-action={c.action}
      // Nothing to move in or pause while the text is still being found; Stop always works.
      disabled={c.action !== 'stop' && (busy || status === 'extracting')}
      aria-keyshortcuts={c.command ? shortcuts[c.command] : undefined}
      onClick={() => props.onAction(c.action)}
    >
      <Icon name={c.icon} />
    </button>
  );
  const left = formatRemaining(props.remainingMs);
  return (
    <div class="transport" role="group" aria-label={i18n.t('popup.playback')}>
      <div class="controls">{transportControls(playing).map(button)}</div>
      {props.total > 0 ? (
        <div class="field">
          <label for="position">
            {i18n.t('popup.position')}{' '}
            {left ? <span class="left">{i18n.t('popup.timeLeftInParentheses', { left })}</span> : null}
          </label>
          <SentenceSlider id="position" index={props.index} total={props.total} onSeek={props.onSeek} />
        </div>
      ) : null}
    </div>
  );
}
