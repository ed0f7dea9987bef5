import wavefile from 'wavefile';
import { readWavHeader, WavFormatError } from './wav-header';

export { WavFormatError } from './wav-header';

/** A decoded WAV: one Float32Array per channel, samples scaled to [-1, 1]. */
export interface DecodedWav {
  sampleRate: number;
  channels: Float32Array[];
  /** Frames per channel. */
  length: number;
  durationSec: number;
}

interface FmtChunk {
  numChannels?: number;
  sampleRate?: number;
}

/**
 * Decodes a WAV file of any PCM, float, A-law, mu-law or IMA ADPCM flavour, at any rate and channel count.
 * Everything that is not a usable WAV is reported as a WavFormatError, never as a crash.
 */
export function readWav(bytes: Uint8Array): DecodedWav {
  // Sizes and formats are checked before the decoder sees them: it would trust a lying header.
  readWavHeader(bytes);
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (error) {
    throw new WavFormatError(`The WAV file could not be read: ${messageOf(error)}`, 'not_wav');
  }
  const fmt = wav.fmt as FmtChunk;
  // Channel count and rate were range-checked by readWavHeader.
  const channelCount = fmt.numChannels ?? 0;
  const sampleRate = fmt.sampleRate ?? 0;

  let raw: Float64Array[];
  let scale: (value: number) => number;
  try {
    // Companded and ADPCM data is expanded to 16-bit PCM first so one scaling rule covers them.
    if (wav.bitDepth === '8a') wav.fromALaw();
    else if (wav.bitDepth === '8m') wav.fromMuLaw();
    else if (wav.bitDepth === '4') wav.fromIMAADPCM();
    scale = scalerFor(wav.bitDepth);
    const samples = wav.getSamples(false) as unknown as Float64Array | Float64Array[];
    raw = channelCount === 1 ? [samples as Float64Array] : (samples as Float64Array[]);
  } catch (error) {
    if (error instanceof WavFormatError) throw error;
    throw new WavFormatError(`The WAV file could not be decoded: ${messageOf(error)}`, 'unsupported_wav');
  }

  const length = raw[0]?.length ?? 0;
  if (length === 0) throw new WavFormatError('The WAV file contains no audio.', 'empty_audio');
  const channels = raw.map((source) => {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const value = scale(source[i] ?? 0);
      if (!Number.isFinite(value)) {
        throw new WavFormatError('The WAV file contains invalid (non-finite) samples.', 'unsupported_wav');
      }
      out[i] = value;
    }
    return out;
  });
  return { sampleRate, channels, length, durationSec: length / sampleRate };
}

/** Averages the channels into one, for analyses that do not care about stereo (pitch, rate). */
export function mixToMono(wav: DecodedWav): Float32Array {
  if (wav.channels.length === 1) return wav.channels[0] as Float32Array;
  const mono = new Float32Array(wav.length);
  for (const channel of wav.channels) {
    for (let i = 0; i < wav.length; i++) mono[i] = (mono[i] as number) + (channel[i] as number);
  }
  for (let i = 0; i < wav.length; i++) mono[i] = (mono[i] as number) / wav.channels.length;
  return mono;
}

function scalerFor(bitDepth: string): (value: number) => number {
  if (bitDepth === '32f' || bitDepth === '64') return (value) => value;
  const bits = Number(bitDepth);
  if (!Number.isInteger(bits) || bits < 2 || bits > 32) {
    throw new WavFormatError(`A bit depth of "${bitDepth}" is not supported.`, 'unsupported_wav');
  }
  // 8-bit (and narrower) WAV PCM is unsigned with its midpoint at 128; wider PCM is signed.
  if (bits <= 8) return (value) => (value - 128) / 128;
  const fullScale = 2 ** (bits - 1);
  return (value) => value / fullScale;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
