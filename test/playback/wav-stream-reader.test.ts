import { describe, expect, it } from 'vitest';
import { joinWav, WavStreamReader } from '../../utils/playback/wav-stream-reader';
import { silentWav } from './wav-fixture';

/** A WAV whose samples are 0, 1, 2, … (16-bit mono), with the sizes a streaming writer leaves unknown. */
function countingWav(frames: number, unknownSizes: boolean): Uint8Array {
  const bytes = new Uint8Array(silentWav({ dataBytes: frames * 2 }));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < frames; i++) view.setInt16(44 + i * 2, i, true);
  if (unknownSizes) {
    view.setUint32(4, 0xffffffff, true);
    view.setUint32(40, 0xffffffff, true);
  }
  return bytes;
}

/** Feeds `bytes` cut at `cuts`; returns the samples delivered, in order. */
function feed(reader: WavStreamReader, bytes: Uint8Array, cuts: number[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.byteLength]) {
    const pcm = reader.push(bytes.subarray(from, to));
    expect(pcm.byteLength % 2).toBe(0);
    const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    for (let i = 0; i < pcm.byteLength; i += 2) out.push(view.getInt16(i, true));
    from = to;
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('WavStreamReader', () => {
  it('parses a header split across pushes and delivers whole samples whatever the byte cuts', () => {
    const reader = new WavStreamReader();
    // Cuts inside the RIFF header, inside fmt, inside the data header, and at odd bytes in the samples.
    const samples = feed(reader, countingWav(500, true), [5, 20, 41, 45, 101, 102, 577]);
    expect(samples).toEqual(range(0, 500));
    expect(reader.format).toEqual({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
    // A stream of unknown size is never known complete; its end is the stream's.
    expect(reader.complete).toBe(false);
  });

  it('skips the samples already delivered (a retried request), at any byte cut', () => {
    const reader = new WavStreamReader({ skipPcmBytes: 2 * 137 });
    expect(feed(reader, countingWav(300, true), [44, 131, 320, 321])).toEqual(range(137, 300));
    expect(reader.deliveredBytes).toBe(2 * 163);
  });

  it('stops at a declared data size (what follows is not audio) and knows when it is complete', () => {
    const wav = countingWav(100, false);
    const withTrailer = new Uint8Array(wav.byteLength + 8);
    withTrailer.set(wav);
    withTrailer.set([76, 73, 83, 84, 0, 0, 0, 0], wav.byteLength); // an empty LIST chunk after the data
    const reader = new WavStreamReader();
    expect(feed(reader, withTrailer.subarray(0, 100), [])).toEqual(range(0, 28));
    expect(reader.complete).toBe(false);
    expect(feed(reader, withTrailer.subarray(100), [])).toEqual(range(28, 100));
    expect(reader.complete).toBe(true);
  });

  it('refuses what is not a WAV', () => {
    expect(() => new WavStreamReader().push(new TextEncoder().encode('{"status":"error"}'))).toThrow(/Not a WAV/);
  });

  it('joins a format and chunks into a WAV with true sizes', () => {
    const wav = new Uint8Array(
      joinWav({ sampleRate: 16000, channels: 1, bitsPerSample: 16 }, [
        new Uint8Array([1, 0]),
        new Uint8Array([2, 0, 3, 0]),
      ]),
    );
    const view = new DataView(wav.buffer);
    expect(wav.byteLength).toBe(50);
    expect(view.getUint32(4, true)).toBe(42);
    expect(view.getUint32(24, true)).toBe(16000);
    expect(view.getUint32(40, true)).toBe(6);
    expect([...wav.subarray(44)]).toEqual([1, 0, 2, 0, 3, 0]);
  });
});
