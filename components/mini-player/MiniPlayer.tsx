/**
 * The on-page mini player: native buttons only (so Enter and Space work as everywhere), a drag handle that is
 * also a button moved with the arrow keys, and a polite live region for state changes.
 */
import { formatNumber } from '../../utils/i18n/locale-format';
import { i18n } from '../../utils/i18n/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { describeChange, formatProgress, formatRate } from './format-status';
import { Icon, type IconName } from './icons';
import type { MiniPlayerAction, MiniPlayerState } from './mini-player-types';
import { transportControls } from './transport-controls';
import { SentenceSlider } from '../SentenceSlider';
import { useCommittedDraft } from '../use-committed-draft';
import type { SliderSeek } from '../../utils/reading/seek-target';
import { trusted } from '../../utils/dom/trusted-event';
import { errorActionLabel } from '../../utils/reading/reading-message';

export interface MiniPlayerProps {
  state: MiniPlayerState;
  onAction(action: MiniPlayerAction): void;
  /** Move the player by a delta in CSS pixels (drag or arrow keys on the handle). */
  onMoveBy(dx: number, dy: number): void;
  /** The position slider: a sentence, or a paragraph from the one being heard. */
  onSeek?(target: SliderSeek): void;
  /** The volume slider, 0–1, when the user lets go. */
  onVolume?(volume: number): void;
  /** command name → its keys now (the worker reads commands.getAll() for the page). */
  shortcuts?: Record<string, string>;
}

const KEY_STEP = 10;
const KEY_STEP_LARGE = 50;

interface Control {
  action: MiniPlayerAction;
  label: string;
  icon: IconName;
  command?: string;
}

export function MiniPlayer({
  state,
  onAction,
  onMoveBy,
  onSeek,
  onVolume,
  shortcuts = {},
}: MiniPlayerProps): JSX.Element {
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<MiniPlayerState | null>(null);
  const lastAction = useRef<MiniPlayerAction | null>(null);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);

  useEffect(() => {
    const text = describeChange(previous.current, state, lastAction.current);
    if (previous.current && previous.current.index !== state.index) lastAction.current = null;
    previous.current = state;
    if (text) setAnnouncement(text);
  }, [state]);

  const act = (action: MiniPlayerAction): void => {
    lastAction.current = action;
    onAction(action);
  };

  const playing = state.status === 'playing' || state.status === 'loading';
  // The volume being moved, until the setting comes back changed (components/use-committed-draft.ts).
  const volumeSlider = useCommittedDraft(Math.round((state.volume ?? 1) * 100));
  const volume = volumeSlider.shown;

  const button = (c: Control): JSX.Element => (
    <button
      type="button"
      key={c.action}
      class={c.action === 'toggle' ? 'primary' : undefined}
      aria-label={c.label}
      title={c.label}
      aria-keyshortcuts={c.command ? shortcuts[c.command] : undefined}
      data-action={c.action}
      onClick={trusted(() => act(c.action))}
    >
      <Icon name={c.icon} />
    </button>
  );

  // The controls answer the user's own input only (trusted-event.ts): a page's script must not steer the reading.
  const onHandleKey = trusted((e: JSX.TargetedKeyboardEvent<HTMLButtonElement>): void => {
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault(); // do not scroll the page
    onMoveBy(d[0], d[1]);
  });

  const onPointerDown = trusted((e: JSX.TargetedPointerEvent<HTMLButtonElement>): void => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  });
  const onPointerMove = trusted((e: JSX.TargetedPointerEvent<HTMLButtonElement>): void => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    onMoveBy(e.clientX - d.x, e.clientY - d.y);
    drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
  });
  const endDrag = trusted((): void => {
    drag.current = null;
  });

  const message = state.message;
  const handle = (
    <>
      <button
        type="button"
        class="handle"
        aria-label={i18n.t('player.movePlayer')}
        aria-describedby="vocalid-move-hint"
        title={i18n.t('player.moveTitle')}
        data-action="move"
        onKeyDown={onHandleKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <Icon name="move" />
      </button>
      <span id="vocalid-move-hint" class="sr-only">
        {i18n.t('player.moveHint')}
      </span>
    </>
  );
  if (message?.kind === 'error') {
    // The reading has ended: its controls would do nothing, so the player becomes the error and what to do next.
    return (
      <div class="player failed" role="region" aria-label={i18n.t('player.region')}>
        <div class="row">
          {handle}
          <p class="message" role="alert" data-testid="message">
            {message.text}
          </p>
        </div>
        <div class="row actions">
          {message.action ? (
            <button
              type="button"
              class="primary text"
              data-action="error-action"
              onClick={trusted(() => act('error-action'))}
            >
              {errorActionLabel(message.action)}
            </button>
          ) : null}
          <button type="button" class="text" data-action="dismiss" onClick={trusted(() => act('dismiss'))}>
            {i18n.t('player.close')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="player" role="region" aria-label={i18n.t('player.region')}>
      <div class="row">
        {handle}
        {transportControls(playing).map(button)}
      </div>
      {state.total > 0 ? (
        <div class="row">
          <label class="sr-only" for="vocalid-position">
            {i18n.t('player.position')}
          </label>
          <SentenceSlider
            id="vocalid-position"
            index={state.index}
            total={state.total}
            guard={trusted}
            onSeek={(target) => onSeek?.(target)}
          />
        </div>
      ) : null}
      {message ? (
        <div class="progress notice" data-testid="message">
          {message.text}
        </div>
      ) : state.total > 0 ? (
        <div class="progress" data-testid="progress">
          {formatProgress(state)}
        </div>
      ) : null}
      <div class="row">
        {button({ action: 'slower', label: i18n.t('player.slower'), icon: 'slower', command: 'slower' })}
        <span class="rate" data-testid="rate">
          {formatRate(state.rate)}
        </span>
        {button({ action: 'faster', label: i18n.t('player.faster'), icon: 'faster', command: 'faster' })}
        <label class="volume-label" for="vocalid-volume" title={i18n.t('player.volume')}>
          <Icon name="volume" />
          <span class="sr-only">{i18n.t('player.volume')}</span>
        </label>
        <input
          id="vocalid-volume"
          class="volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={volume}
          aria-valuetext={i18n.t('player.percent', { value: formatNumber(volume) })}
          onInput={trusted((e: Event) => volumeSlider.draft(Number((e.currentTarget as HTMLInputElement).value)))}
          onChange={trusted((e: Event) => {
            const to = Number((e.currentTarget as HTMLInputElement).value);
            volumeSlider.commit(to);
            onVolume?.(to / 100);
          })}
        />
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="status">
        {announcement}
      </div>
    </div>
  );
}
