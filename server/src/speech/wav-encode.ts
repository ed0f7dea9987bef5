import wavefile from 'wavefile';

export const SUPPORTED_SAMPLE_RATES = [8000, 11025, 16000, 22050, 32000, 44100, 48000] as const;
export type SupportedSampleRate = (typeof SUPPORTED_SAMPLE_RATES)[number];
export type Container = 'wav' | '';

/** "Low Res" voices are band-limited to this rate before resampling to the requested one, so they sound it. */
export const LOW_RES_SAMPLE_RATE = 11025;

export interface EncodeOptions {
  sampleRate: number;
  /** 'wav' = RIFF WAV, '' = raw 16-bit little-endian mono PCM (vocalid-api.txt `container`). */
  container: Container;
  lowRes?: boolean;
}

/**
 * 16-bit mono samples at `fromRate` → bytes at the requested rate. Runs inside the speech workers: resampling a
 * 256-character script at 48 kHz takes tens of milliseconds and must not block the event loop.
 */
export function encodeAudio(samples: Int16Array, fromRate: number, opts: EncodeOptions): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, fromRate, '16', samples);
  let rate = fromRate;
  if (opts.lowRes && rate > LOW_RES_SAMPLE_RATE) {
    wav.toSampleRate(LOW_RES_SAMPLE_RATE);
    rate = LOW_RES_SAMPLE_RATE;
  }
  if (rate !== opts.sampleRate) wav.toSampleRate(opts.sampleRate);
  if (opts.container === 'wav') return wav.toBuffer();
  return (wav.data as { samples: Uint8Array }).samples;
}

/** Duration in seconds of encoded audio (WAV header skipped), for logs and benchmarks. */
export function pcmDurationSeconds(byteLength: number, sampleRate: number): number {
  return byteLength / 2 / sampleRate;
}
