// @vitest-environment happy-dom
// The studio's R key (components/voice-studio/RecordingPanel.tsx) with the microphone replaced: a press as soon as
// the panel shows starts a take (the voice-studio e2e once pressed R the moment the sentence heading appeared and
// waited 30 s for "Stop (R)"), and a second press while the microphone is still starting leaves one capture, not two.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingPanel, type RecordingPanelProps } from '../../components/voice-studio/RecordingPanel';
import type { CaptureOptions, MicCapture } from '../../utils/voice-studio/mic-capture';

const mic = vi.hoisted(() => ({
  starts: [] as { resolve(capture: unknown): void }[],
}));
vi.mock('../../utils/voice-studio/mic-capture', () => ({
  startMicCapture: (_options: CaptureOptions) =>
    new Promise((resolve) => {
      mic.starts.push({ resolve });
    }),
}));

/** A capture as the microphone gives it, counting its stops. */
function fakeCapture(): MicCapture & { stops: number } {
  return {
    sampleRate: 48_000,
    stops: 0,
    stop() {
      this.stops++;
      return Promise.resolve({ samples: new Float32Array(4800), sampleRate: 48_000 });
    },
  };
}

let takes: number[];
function panel(overrides: Partial<RecordingPanelProps> = {}) {
  return (
    <RecordingPanel
      prompt={{ id: 'p1', text: 'The quick fox jumped over a sleepy brown dog.' }}
      promptLang="en"
      index={0}
      total={65}
      take={undefined}
      busy={false}
      onTake={async (samples) => void takes.push(samples.length)}
      onSend={() => undefined}
      onSkip={() => undefined}
      onDelete={() => undefined}
      playUrl={undefined}
      announce={() => undefined}
      {...overrides}
    />
  );
}

/** Lets awaited promises (the microphone's start, a take's stop) settle and the panel re-render. */
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));
const pressR = (): void => {
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', code: 'KeyR', bubbles: true }));
};
const recordButton = () => document.querySelector<HTMLButtonElement>('button[aria-keyshortcuts="R"]')!;

beforeEach(() => {
  mic.starts.length = 0;
  takes = [];
});
afterEach(() => render(null, document.body));

describe('the R key of the voice studio', () => {
  it('starts a take when pressed the moment the panel shows, before the page has painted', () => {
    // No act(): the press comes before Preact's after-paint effects run, as a fast key (or a test) can.
    render(panel(), document.body);
    expect(recordButton().textContent).toBe('Record (R)');
    pressR();
    expect(mic.starts).toHaveLength(1);
  });

  it('a second press while the microphone starts leaves one capture, which the next press stops into a take', async () => {
    await act(() => render(panel(), document.body));
    await act(() => pressR());
    await act(() => pressR());
    expect(mic.starts).toHaveLength(1);
    const capture = fakeCapture();
    mic.starts[0]!.resolve(capture);
    await settle();
    expect(recordButton().textContent).toBe('Stop (R)');
    await act(() => pressR());
    await settle();
    expect(capture.stops).toBeGreaterThanOrEqual(1);
    expect(takes).toEqual([4800]);
    expect(recordButton().textContent).toBe('Record (R)');
  });
});
