// The benchmark's output recorder (public/output-tap-worklet.js) run in a stand-in for the AudioWorklet global scope:
// its level track must hold exactly one window per `windowFrames` frames of the context clock, whatever order the
// render quanta arrive in, or every seam after a slip is measured late.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/paths';

const QUANTUM = 128;

interface Processor {
  port: { posted: { type: string; startFrame: number; data: Float32Array }[] };
  process(inputs: Float32Array[][]): boolean;
}

/** The worklet's processor, with `currentFrame` under the test's control. */
function loadTap(windowFrames: number) {
  let Registered: (new (options: unknown) => Processor) | undefined;
  const scope = {
    currentFrame: 0,
    AudioWorkletProcessor: class {
      port = {
        posted: [] as unknown[],
        postMessage(m: unknown) {
          this.posted.push(m);
        },
      };
    },
    registerProcessor: (_name: string, cls: new (options: unknown) => Processor) => (Registered = cls),
  };
  const source = readFileSync(path.join(repoRoot, 'public/output-tap-worklet.js'), 'utf8');
  vm.runInNewContext(source, scope);
  const tap = new Registered!({ processorOptions: { windowFrames } });
  return {
    /** One render quantum at `frame`, all samples at `level` (no channels: an input with nothing playing). */
    render(frame: number, level: number | null) {
      scope.currentFrame = frame;
      tap.process([level === null ? [] : [new Float32Array(QUANTUM).fill(level)]]);
    },
    /** The level track so far (what the page side receives, in order). */
    levels(): number[] {
      // A batch is posted once full: flush what is left by reading the processor's partial batch too.
      const t = tap as unknown as { batch: Float32Array; batchLength: number };
      return [...tap.port.posted.flatMap((m) => [...m.data]), ...t.batch.subarray(0, t.batchLength)];
    },
  };
}

/** Index of the first window at or above `level`. */
const onsetWindow = (levels: number[], level: number) => levels.findIndex((x) => x >= level);

describe('output tap worklet', () => {
  it('counts the quanta Chromium skips while the input is silent as silence, so later sound stays in place', () => {
    const tap = loadTap(32);
    tap.render(0, 0);
    // Ten quanta skipped (nothing playing), then sound.
    tap.render(11 * QUANTUM, 0.5);
    expect(onsetWindow(tap.levels(), 0.5)).toBe((11 * QUANTUM) / 32);
  });

  it('a quantum that repeats the frame before it is not taken for a skip: the track stays on the clock', () => {
    const tap = loadTap(32);
    // Quanta at 0, 128, 256, then one reported at 256 again although it is the one at 384, then 512 with sound.
    tap.render(0, 0);
    tap.render(QUANTUM, 0);
    tap.render(2 * QUANTUM, 0);
    tap.render(2 * QUANTUM, 0);
    tap.render(4 * QUANTUM, 0.5);
    // Five quanta were rendered: the sound is the fifth, not a sixth after a zero-filled "skip".
    expect(onsetWindow(tap.levels(), 0.5)).toBe((4 * QUANTUM) / 32);
    expect(tap.levels()).toHaveLength((5 * QUANTUM) / 32);
  });
});
