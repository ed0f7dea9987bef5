import type { Take } from '../../utils/voice-studio/take-store';

/** A take of four bytes of audio, recorded at `createdAt`. */
export function take(id: string, createdAt: number, patch: Partial<Take> = {}): Take {
  return {
    id,
    accountId: 'acc',
    promptId: `en-${id}`,
    sentence: `Sentence ${id}.`,
    wav: new Uint8Array([1, 2, 3, 4]).buffer,
    durationMs: 1000,
    createdAt,
    updatedAt: createdAt,
    state: 'recorded',
    attempts: 0,
    ...patch,
  };
}
