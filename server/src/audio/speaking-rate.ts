import { activeBlocks, blockPowers } from './level-check';

const BLOCK_SECONDS = 0.05;

/** Words in a transcript: whitespace-separated tokens that contain a letter or a digit. */
export function countWords(transcript: string): number {
  return transcript.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/**
 * Seconds of a recording that hold speech by energy (the same gating as the level check), so leading and
 * trailing silence and pauses do not make a speaker look slow.
 */
export function speechSeconds(samples: Float32Array, sampleRate: number): number {
  const blockSize = Math.max(1, Math.round(sampleRate * BLOCK_SECONDS));
  return (activeBlocks(blockPowers(samples, blockSize)).length * blockSize) / sampleRate;
}

/** Words per second of speech over several recordings with their transcripts, or null without speech. */
export function speakingRate(
  recordings: { samples: Float32Array; sampleRate: number; transcript: string }[],
): number | null {
  let words = 0;
  let seconds = 0;
  for (const recording of recordings) {
    words += countWords(recording.transcript);
    seconds += speechSeconds(recording.samples, recording.sampleRate);
  }
  return seconds > 0 && words > 0 ? words / seconds : null;
}
