// Test-side audio for the voice studio e2e: the fake microphone's WAV files (a voice-like signal of known pitch,
// too quiet, clipped) and a pitch estimate written here (YIN's cumulative mean normalised difference, de Cheveigné
// & Kawahara 2002), independent of the server's estimator (pitchfinder), to measure recordings and read audio.
import wavefile from 'wavefile';

export const MIC_RATE = 48_000;

/**
 * A glottal-pulse-like voiced signal: harmonics of f0 falling 6 dB an octave (a sawtooth-like source), with a
 * syllable-rate swell (3 Hz) so the level varies as speech does, at `peak` of full scale, then `gain` applied and
 * clipped at full scale (gain > 1 makes it clip).
 */
export function voicedSignal(opts: { f0: number; seconds: number; peak: number; gain?: number }): Float32Array {
  const n = Math.round(opts.seconds * MIC_RATE);
  const raw = new Float32Array(n);
  const harmonics = Math.floor(4000 / opts.f0);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const t = i / MIC_RATE;
    let x = 0;
    for (let k = 1; k <= harmonics; k++) x += Math.sin(2 * Math.PI * k * opts.f0 * t) / k;
    x *= 0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t) ** 2;
    raw[i] = x;
    max = Math.max(max, Math.abs(x));
  }
  const scale = (opts.peak / max) * (opts.gain ?? 1);
  for (let i = 0; i < n; i++) raw[i] = Math.max(-1, Math.min(1, (raw[i] as number) * scale));
  return raw;
}

export function wavBytes(samples: Float32Array, rate = MIC_RATE): Uint8Array {
  const ints = Int16Array.from(samples, (x) => Math.round(Math.max(-1, Math.min(1, x)) * 32767));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, rate, '16', ints);
  return wav.toBuffer();
}

/** Mono float samples of any WAV (channels averaged). */
export function decodeWav(bytes: Uint8Array): { samples: Float32Array; rate: number } {
  const wav = new wavefile.WaveFile(bytes);
  wav.toBitDepth('32f');
  const fmt = wav.fmt as { sampleRate: number; numChannels: number };
  const channels = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const list = fmt.numChannels > 1 ? (channels as Float64Array[]) : [channels as Float64Array];
  const length = list[0]!.length;
  const samples = new Float32Array(length);
  for (const channel of list) for (let i = 0; i < length; i++) samples[i]! += channel[i]! / list.length;
  return { samples, rate: fmt.sampleRate };
}

/**
 * F0 per 40 ms frame (every 10 ms) where the frame is loud enough (within 30 dB of the loudest) and periodic
 * (YIN's normalised difference dips below 0.15), searched in 60–400 Hz; parabolic interpolation of the dip.
 */
export function pitchFrames(samples: Float32Array, rate: number): number[] {
  const frame = Math.round(0.04 * rate);
  const hop = Math.round(0.01 * rate);
  const minLag = Math.floor(rate / 400);
  const maxLag = Math.ceil(rate / 60);
  const rms: number[] = [];
  for (let start = 0; start + frame + maxLag < samples.length; start += hop) {
    let sum = 0;
    for (let i = 0; i < frame; i++) sum += samples[start + i]! ** 2;
    rms.push(Math.sqrt(sum / frame));
  }
  const loudest = Math.max(0, ...rms);
  const f0s: number[] = [];
  const d = new Float64Array(maxLag + 1);
  rms.forEach((level, index) => {
    if (level < loudest * 10 ** (-30 / 20) || level === 0) return;
    const start = index * hop;
    for (let lag = 1; lag <= maxLag; lag++) {
      let sum = 0;
      for (let i = 0; i < frame; i++) {
        const diff = samples[start + i]! - samples[start + i + lag]!;
        sum += diff * diff;
      }
      d[lag] = sum;
    }
    // Cumulative mean normalised difference.
    let running = 0;
    const cmnd = new Float64Array(maxLag + 1);
    cmnd[0] = 1;
    for (let lag = 1; lag <= maxLag; lag++) {
      running += d[lag]!;
      cmnd[lag] = running > 0 ? (d[lag]! * lag) / running : 1;
    }
    let lag = -1;
    for (let l = minLag; l <= maxLag; l++) {
      if (cmnd[l]! < 0.15) {
        while (l + 1 <= maxLag && cmnd[l + 1]! < cmnd[l]!) l++;
        lag = l;
        break;
      }
    }
    if (lag < 0) return;
    const a = cmnd[lag - 1] ?? cmnd[lag]!;
    const b = cmnd[lag]!;
    const c = cmnd[lag + 1] ?? cmnd[lag]!;
    const denom = a - 2 * b + c;
    const refined = denom !== 0 ? lag + (0.5 * (a - c)) / denom : lag;
    f0s.push(rate / refined);
  });
  return f0s;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
