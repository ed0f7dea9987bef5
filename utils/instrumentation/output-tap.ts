// Test builds only: a recorder on the player's output bus, so the benchmark measures what is actually rendered
// (seams, first audible sound) rather than what the player believes it scheduled. The offscreen document creates
// it behind `__BUILD_KIND__ !== 'release'` and exposes it on its global for the benchmark, which reaches it over
// the DevTools protocol; release builds never load the worklet.

/** One RMS value per this many milliseconds of output (see public/output-tap-worklet.js). */
export const TAP_WINDOW_MS = 0.5;
export const TAP_WORKLET_PATH = '/output-tap-worklet.js';

export interface TapRecording {
  /** false while the worklet is still loading or when disarmed: then there is nothing to read. */
  armed: boolean;
  /** RMS values per window, little-endian Float32, base64 (JSON-friendly for the DevTools protocol). */
  levelsBase64: string;
  windows: number;
  /** frames per window and the context's sample rate: one window lasts windowFrames / contextSampleRate s. */
  windowFrames: number;
  contextSampleRate: number;
  /** AudioContext time of the first window (the tap's origin on the context timeline). */
  originContextTime: number;
  /**
   * One reading of the output clock: context time `contextTime` was heard at wall time `wallTime` (Date.now()
   * scale). From AudioContext.getOutputTimestamp(), so it includes the output latency.
   */
  clock: { contextTime: number; wallTime: number };
  outputLatency: number;
  baseLatency: number;
}

interface LevelsMessage {
  type: 'levels';
  generation: number;
  startFrame: number;
  data: Float32Array;
}

export class OutputTap {
  /** Connect players here instead of to the destination; it passes the sound on unchanged. */
  readonly input: GainNode;
  /** Resolves once the recorder is in the graph (or failed to load, which leaves plain playback). */
  readonly ready: Promise<void>;
  private node: AudioWorkletNode | undefined;
  private chunks: Float32Array[] = [];
  private startFrame = -1;
  private generation = 0;
  private armed = true;
  private readonly windowFrames: number;

  constructor(
    private readonly context: AudioContext,
    workletUrl: string,
  ) {
    this.input = context.createGain();
    this.input.connect(context.destination);
    this.windowFrames = Math.max(1, Math.round((context.sampleRate * TAP_WINDOW_MS) / 1000));
    this.ready = this.load(workletUrl).catch((err: unknown) => {
      console.warn('output tap unavailable', err);
    });
  }

  private async load(url: string): Promise<void> {
    await this.context.audioWorklet.addModule(url);
    const node = new AudioWorkletNode(this.context, 'vocalid-output-tap', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      processorOptions: { windowFrames: this.windowFrames },
    });
    node.port.onmessage = (event: MessageEvent<LevelsMessage>) => this.receive(event.data);
    this.input.connect(node);
    // The node writes nothing to its output; connecting it keeps the graph pulling it every render quantum.
    node.connect(this.context.destination);
    this.node = node;
  }

  private receive(message: LevelsMessage): void {
    if (message.type !== 'levels' || message.generation !== this.generation) return;
    if (this.startFrame < 0) this.startFrame = message.startFrame;
    this.chunks.push(message.data);
  }

  /** Starts a fresh recording (armed) or stops recording and frees what was kept (disarmed). */
  arm(armed = true): void {
    this.armed = armed;
    this.generation += 1;
    this.chunks = [];
    this.startFrame = -1;
    this.node?.port.postMessage({ type: 'arm', armed, generation: this.generation });
  }

  read(): TapRecording {
    const windows = this.chunks.reduce((n, c) => n + c.length, 0);
    const all = new Float32Array(windows);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    const bytes = new Uint8Array(all.buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const stamp = this.context.getOutputTimestamp();
    const clock =
      stamp.contextTime !== undefined && stamp.performanceTime !== undefined && stamp.performanceTime > 0
        ? { contextTime: stamp.contextTime, wallTime: performance.timeOrigin + stamp.performanceTime }
        : { contextTime: this.context.currentTime, wallTime: Date.now() };
    return {
      armed: this.armed && this.node !== undefined,
      levelsBase64: btoa(binary),
      windows,
      windowFrames: this.windowFrames,
      contextSampleRate: this.context.sampleRate,
      originContextTime: this.startFrame < 0 ? Number.NaN : this.startFrame / this.context.sampleRate,
      clock,
      outputLatency: this.context.outputLatency ?? 0,
      baseLatency: this.context.baseLatency ?? 0,
    };
  }
}
