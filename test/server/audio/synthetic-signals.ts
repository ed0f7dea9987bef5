import wavefile from 'wavefile';

/** Test signals generated in code, so every expected value comes from how the signal was made. */

export function dbfsToAmplitude(dbfs: number): number {
  return 10 ** (dbfs / 20);
}

export function sine(options: { hz: number; peakDbfs: number; seconds: number; sampleRate: number }): Float32Array {
  const amplitude = dbfsToAmplitude(options.peakDbfs);
  const out = new Float32Array(Math.round(options.seconds * options.sampleRate));
  for (let i = 0; i < out.length; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * options.hz * i) / options.sampleRate);
  return out;
}

export function silence(seconds: number, sampleRate: number): Float32Array {
  return new Float32Array(Math.round(seconds * sampleRate));
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * A crude voice: `words` syllables of a harmonic-rich tone (harmonics 1..12 falling 1/k, like a glottal source)
 * at `f0Hz` with a ±3 % intonation glide, each `syllableSeconds` long with raised-cosine edges and a gap after.
 */
export function voicedSpeech(options: {
  f0Hz: number;
  words: number;
  sampleRate: number;
  peakDbfs?: number;
  syllableSeconds?: number;
  gapSeconds?: number;
}): Float32Array {
  const { f0Hz, words, sampleRate } = options;
  const syllable = Math.round((options.syllableSeconds ?? 0.3) * sampleRate);
  const gap = Math.round((options.gapSeconds ?? 0.12) * sampleRate);
  const parts: Float32Array[] = [silence(0.2, sampleRate)];
  let phase = 0;
  for (let w = 0; w < words; w++) {
    const out = new Float32Array(syllable);
    for (let i = 0; i < syllable; i++) {
      const progress = i / syllable;
      const f = f0Hz * (1 + 0.03 * Math.cos(Math.PI * progress) * (w % 2 === 0 ? 1 : -1));
      phase += (2 * Math.PI * f) / sampleRate;
      let value = 0;
      for (let k = 1; k <= 12 && k * f < sampleRate / 2; k++) value += Math.sin(k * phase) / k;
      const edge = Math.min(1, progress / 0.1, (1 - progress) / 0.1);
      out[i] = value * 0.5 * (1 - Math.cos(Math.PI * edge));
    }
    parts.push(out, silence(gap / sampleRate, sampleRate));
  }
  parts.push(silence(0.2, sampleRate));
  return normalizePeak(concat(...parts), options.peakDbfs ?? -6);
}

export function normalizePeak(samples: Float32Array, peakDbfs: number): Float32Array {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  const gain = peak > 0 ? dbfsToAmplitude(peakDbfs) / peak : 0;
  return samples.map((sample) => sample * gain);
}

/** Encodes float channels ([-1, 1]) as a WAV of the given wavefile bit depth code ('8', '16', '24', '32f', ...). */
export function encodeWav(channels: Float32Array[], sampleRate: number, bitDepth = '16'): Uint8Array {
  const toInt = (bits: number, unsigned: boolean) => (channel: Float32Array) =>
    Array.from(channel, (value) => {
      const full = 2 ** (bits - 1);
      const scaled = Math.max(-full, Math.min(full - 1, Math.round(value * full)));
      return unsigned ? scaled + full : scaled;
    });
  let data: number[][];
  if (bitDepth === '32f' || bitDepth === '64') data = channels.map((channel) => Array.from(channel));
  else data = channels.map(toInt(Number(bitDepth), bitDepth === '8'));
  const wav = new wavefile.WaveFile();
  wav.fromScratch(channels.length, sampleRate, bitDepth, channels.length === 1 ? (data[0] as number[]) : data);
  return wav.toBuffer();
}
