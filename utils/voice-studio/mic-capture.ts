// The microphone, captured sample by sample for a take (studio page only). Browser voice processing is turned
// off: echo cancellation, noise suppression and automatic gain would change the level the server judges and the
// voice the build learns from. A ScriptProcessorNode gives the raw blocks without a worklet file; it is
// deprecated but kept by every engine, and a take is seconds long.
import { LevelMeter, type MeterReading } from './level-meter';
import { TAKE_STOP_SECONDS } from './take-wav';

export interface CapturedTake {
  samples: Float32Array;
  sampleRate: number;
}

export interface MicCapture {
  readonly sampleRate: number;
  /** Ends the take and releases the microphone. */
  stop(): Promise<CapturedTake>;
}

export interface CaptureOptions {
  onLevel(reading: MeterReading): void;
  /** Called when the take reaches its longest length and stops on its own. */
  onLimit(): void;
}

const BLOCK = 2048;

export async function startMicCapture(options: CaptureOptions): Promise<MicCapture> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  });
  const context = new AudioContext();
  await context.resume();
  const source = context.createMediaStreamSource(stream);
  const processor = context.createScriptProcessor(BLOCK, 1, 1);
  // The processor only runs when connected to the output; a silent gain keeps the speaker from hearing themselves.
  const mute = context.createGain();
  mute.gain.value = 0;
  const meter = new LevelMeter(context.sampleRate);
  const chunks: Float32Array[] = [];
  let length = 0;
  const limit = TAKE_STOP_SECONDS * context.sampleRate;
  let limitReported = false;
  processor.onaudioprocess = (event) => {
    if (length >= limit) {
      if (!limitReported) {
        limitReported = true;
        options.onLimit();
      }
      return;
    }
    const block = new Float32Array(event.inputBuffer.getChannelData(0));
    chunks.push(block);
    length += block.length;
    options.onLevel(meter.push(block));
  };
  source.connect(processor);
  processor.connect(mute);
  mute.connect(context.destination);

  let stopped: Promise<CapturedTake> | undefined;
  return {
    sampleRate: context.sampleRate,
    stop() {
      stopped ??= (async () => {
        processor.onaudioprocess = null;
        source.disconnect();
        processor.disconnect();
        for (const track of stream.getTracks()) track.stop();
        const sampleRate = context.sampleRate;
        await context.close().catch(() => undefined);
        const samples = new Float32Array(Math.min(length, limit));
        let offset = 0;
        for (const chunk of chunks) {
          const part = chunk.subarray(0, samples.length - offset);
          samples.set(part, offset);
          offset += part.length;
          if (offset >= samples.length) break;
        }
        return { samples, sampleRate };
      })();
      return stopped;
    },
  };
}
