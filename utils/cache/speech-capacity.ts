// How much speech the cache's cap holds, for Options: people think of audio in minutes, not megabytes.
import { OPUS_BITRATE } from '../audio-codec/opus-codec';

export type StoredAs = 'opus' | 'wav';

/**
 * Bytes one minute of speech takes in the cache. Opus: the encoder's target bitrate plus the entry's framing (two
 * bytes per 60 ms packet, utils/audio-codec/compressed-entry.ts) and ~10% for the variable bitrate running above its
 * target on speech (measured 5.4 min/MB where the target alone gives 5.8). WAV: 16-bit mono at the voice's rate.
 */
export function bytesPerSpeechMinute(storedAs: StoredAs, wavSampleRate: number): number {
  if (storedAs === 'wav') return wavSampleRate * 2 * 60;
  return Math.round(((OPUS_BITRATE / 8) * 60 + 2 * (60_000 / 60)) * 1.1);
}

/** About how many minutes of speech `capMB` holds, rounded down to two significant figures (it is an estimate). */
export function speechMinutesInCap(capMB: number, storedAs: StoredAs, wavSampleRate: number): number {
  const minutes = (capMB * 1024 * 1024) / bytesPerSpeechMinute(storedAs, wavSampleRate);
  if (minutes < 10) return Math.floor(minutes * 10) / 10;
  const unit = 10 ** (Math.floor(Math.log10(minutes)) - 1);
  return Math.floor(minutes / unit) * unit;
}
