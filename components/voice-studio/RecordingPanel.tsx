import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import { formatNumber } from '../../utils/i18n/locale-format';
import { warningText, type LevelWarning, type MeterReading } from '../../utils/voice-studio/level-meter';
import { startMicCapture, type MicCapture } from '../../utils/voice-studio/mic-capture';
import type { Prompt } from '../../utils/voice-studio/prompt-list';
import type { TakeSummary } from '../../utils/voice-studio/take-store';
import { takeStateText, verdictText } from '../../utils/voice-studio/verdict-text';
import { keepPlaceholders, messageParts } from '../message-parts';

export interface RecordingPanelProps {
  prompt: Prompt;
  /** The language of the sentences (the voice's, not the UI's). */
  promptLang: string;
  index: number;
  total: number;
  take: TakeSummary | undefined;
  busy: boolean;
  /** A finished capture: the app encodes and stores it. */
  onTake(samples: Float32Array, sampleRate: number): Promise<void>;
  onSend(): void;
  onSkip(): void;
  onDelete(): void;
  playUrl: string | undefined;
  announce(text: string, urgent?: boolean): void;
}

const SHORTCUTS = [
  ['R', 'studio.keys.record'],
  ['P', 'studio.keys.play'],
  ['N', 'studio.keys.next'],
  ['S', 'studio.keys.skip'],
  ['D', 'studio.keys.delete'],
] as const;

export function RecordingPanel(props: RecordingPanelProps) {
  const { prompt, take, busy } = props;
  const [capture, setCapture] = useState<MicCapture | null>(null);
  const [level, setLevel] = useState<MeterReading | null>(null);
  const [micProblem, setMicProblem] = useState('');
  const lastWarning = useRef<LevelWarning>(null);
  const audio = useRef<HTMLAudioElement>(null);
  // Set from the press that asks for the microphone until it is on: a second press in between (a quick double R)
  // would otherwise start a second capture, the first one left running and never stopped.
  const starting = useRef(false);
  const recording = capture !== null;

  async function toggleRecording() {
    if (capture) {
      setCapture(null);
      const { samples, sampleRate } = await capture.stop();
      setLevel(null);
      lastWarning.current = null;
      await props.onTake(samples, sampleRate);
      return;
    }
    if (busy || starting.current) return;
    starting.current = true;
    try {
      setMicProblem('');
      const started = await startMicCapture({
        onLevel: (reading) => {
          setLevel(reading);
          if (reading.warning !== lastWarning.current) {
            lastWarning.current = reading.warning;
            if (reading.warning) props.announce(warningText(reading.warning), true);
          }
        },
        onLimit: () => props.announce(i18n.t('studio.longestTake'), true),
      });
      setCapture(started);
      props.announce(i18n.t('studio.recording'));
    } catch (error) {
      const text =
        error instanceof DOMException && error.name === 'NotAllowedError'
          ? i18n.t('studio.micBlocked')
          : i18n.t('studio.micFailed', { reason: error instanceof Error ? error.message : String(error) });
      setMicProblem(text);
      props.announce(text, true);
    } finally {
      starting.current = false;
    }
  }

  function playBack() {
    if (!props.playUrl || !audio.current) return;
    audio.current.currentTime = 0;
    void audio.current.play();
  }

  // Single-key shortcuts, shown on screen; ignored while typing in a field or with a modifier held.
  const handlers = useRef<Record<string, () => void>>({});
  handlers.current = {
    r: () => void toggleRecording(),
    p: () => !recording && playBack(),
    n: () =>
      !recording && !busy && (take?.state === 'recorded' || take?.state === 'failed' ? props.onSend() : props.onSkip()),
    s: () => !recording && !busy && props.onSkip(),
    d: () => !recording && !busy && take && props.onDelete(),
  };
  // A layout effect, so the keys work from the commit that shows the buttons: an after-paint effect left a press
  // made as the panel appeared (before the next frame) unheard.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      // A keyboard in another script (Arabic, Cyrillic…) types its own letter: the key's place (KeyR) is asked then.
      const latin = /^[a-z]$/i.test(event.key) ? event.key : event.code.replace(/^Key/, '');
      const handler = handlers.current[latin.toLowerCase()];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // The microphone is released when the page goes away mid-take.
  useEffect(() => () => void capture?.stop(), [capture]);

  const verdict = take?.state === 'done' && take.verdict ? verdictText(take.verdict) : null;
  const warning = level?.warning ?? null;
  return (
    <section aria-labelledby="prompt-title">
      <h2 id="prompt-title">
        {i18n.t('studio.sentenceOf', { number: formatNumber(props.index + 1), total: formatNumber(props.total) })}
      </h2>
      <p class="prompt" lang={props.promptLang} dir="auto">
        {prompt.text}
      </p>
      <div class="meter-row">
        <label for="level">{i18n.t('studio.level')}</label>
        <meter id="level" min={0} max={1} low={0.25} high={0.87} optimum={0.6} value={level?.fill ?? 0} />
        <span class="level-text">
          {recording && level && Number.isFinite(level.rmsDbfs)
            ? i18n.t('studio.levelDb', { level: formatNumber(Math.round(level.rmsDbfs)) })
            : ''}
        </span>
      </div>
      <p class={`warning ${warning ? 'shown' : ''}`} data-warning={warning ?? ''}>
        {recording ? warningText(warning) : ''}
      </p>
      {micProblem && <p class="error">{micProblem}</p>}
      <div class="actions">
        <button
          type="button"
          onClick={() => void toggleRecording()}
          disabled={busy && !recording}
          aria-keyshortcuts="R"
        >
          {i18n.t(recording ? 'studio.stop' : take ? 'studio.recordAgain' : 'studio.record')}
        </button>
        <button type="button" onClick={playBack} disabled={recording || !props.playUrl} aria-keyshortcuts="P">
          {i18n.t('studio.playBack')}
        </button>
        <button
          type="button"
          onClick={props.onSend}
          disabled={recording || busy || !(take?.state === 'recorded' || take?.state === 'failed')}
          aria-keyshortcuts="N"
        >
          {i18n.t('studio.sendNext')}
        </button>
        <button type="button" onClick={props.onSkip} disabled={recording || busy} aria-keyshortcuts="S">
          {i18n.t('studio.skip')}
        </button>
        <button type="button" onClick={props.onDelete} disabled={recording || busy || !take} aria-keyshortcuts="D">
          {i18n.t('studio.deleteTake')}
        </button>
      </div>
      {props.playUrl && <audio ref={audio} src={props.playUrl} preload="auto" />}
      {take && (
        <div
          class={`take-state ${verdict ? `verdict-${take.verdict}` : ''}`}
          data-state={take.state}
          data-verdict={take.verdict ?? ''}
        >
          {verdict
            ? messageParts(i18n.t('studio.verdictLine', keepPlaceholders('title', 'advice')), {
                title: <strong>{verdict.title}</strong>,
                advice: verdict.advice,
              })
            : takeStateText(take)}
        </div>
      )}
      <h3>{i18n.t('studio.keysTitle')}</h3>
      <dl class="shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{i18n.t(what)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
