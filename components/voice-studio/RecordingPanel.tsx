import { useEffect, useRef, useState } from 'preact/hooks';
import { warningText, type LevelWarning, type MeterReading } from '../../utils/voice-studio/level-meter';
import { startMicCapture, type MicCapture } from '../../utils/voice-studio/mic-capture';
import type { Prompt } from '../../utils/voice-studio/prompt-list';
import type { TakeSummary } from '../../utils/voice-studio/take-store';
import { takeStateText, verdictText } from '../../utils/voice-studio/verdict-text';

export interface RecordingPanelProps {
  prompt: Prompt;
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

const SHORTCUTS: [string, string][] = [
  ['R', 'Record / stop'],
  ['P', 'Play back'],
  ['N', 'Send and next'],
  ['S', 'Skip'],
  ['D', 'Delete take'],
];

export function RecordingPanel(props: RecordingPanelProps) {
  const { prompt, take, busy } = props;
  const [capture, setCapture] = useState<MicCapture | null>(null);
  const [level, setLevel] = useState<MeterReading | null>(null);
  const [micProblem, setMicProblem] = useState('');
  const lastWarning = useRef<LevelWarning>(null);
  const audio = useRef<HTMLAudioElement>(null);
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
    if (busy) return;
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
        onLimit: () => props.announce('The take reached its longest length. Press R to stop.', true),
      });
      setCapture(started);
      props.announce('Recording. Read the sentence, then press R to stop.');
    } catch (error) {
      const text =
        error instanceof DOMException && error.name === 'NotAllowedError'
          ? 'The browser did not allow the microphone. Allow it for this page (the icon in the address bar), then press R again.'
          : `The microphone could not be started (${error instanceof Error ? error.message : String(error)}).`;
      setMicProblem(text);
      props.announce(text, true);
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
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const handler = handlers.current[event.key.toLowerCase()];
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
        Sentence {props.index + 1} of {props.total}
      </h2>
      <p class="prompt" lang="en">
        {prompt.text}
      </p>
      <div class="meter-row">
        <label for="level">Level</label>
        <meter id="level" min={0} max={1} low={0.25} high={0.87} optimum={0.6} value={level?.fill ?? 0} />
        <span class="level-text">
          {recording && level && Number.isFinite(level.rmsDbfs) ? `${Math.round(level.rmsDbfs)} dB` : ''}
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
          {recording ? 'Stop (R)' : take ? 'Record again (R)' : 'Record (R)'}
        </button>
        <button type="button" onClick={playBack} disabled={recording || !props.playUrl} aria-keyshortcuts="P">
          Play back (P)
        </button>
        <button
          type="button"
          onClick={props.onSend}
          disabled={recording || busy || !(take?.state === 'recorded' || take?.state === 'failed')}
          aria-keyshortcuts="N"
        >
          Send and next (N)
        </button>
        <button type="button" onClick={props.onSkip} disabled={recording || busy} aria-keyshortcuts="S">
          Skip (S)
        </button>
        <button type="button" onClick={props.onDelete} disabled={recording || busy || !take} aria-keyshortcuts="D">
          Delete take (D)
        </button>
      </div>
      {props.playUrl && <audio ref={audio} src={props.playUrl} preload="auto" />}
      {take && (
        <div
          class={`take-state ${verdict ? `verdict-${take.verdict}` : ''}`}
          data-state={take.state}
          data-verdict={take.verdict ?? ''}
        >
          {verdict ? (
            <>
              <strong>{verdict.title}.</strong> {verdict.advice}
            </>
          ) : (
            takeStateText(take)
          )}
        </div>
      )}
      <h3>Keys</h3>
      <dl class="shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
