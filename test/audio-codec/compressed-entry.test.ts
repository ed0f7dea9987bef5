import { describe, expect, it } from 'vitest';
import {
  cachedAudioDurationMs,
  cachedAudioFormat,
  COMPRESSED_ENTRY_VERSION,
  packCompressedEntry,
  unpackCompressedEntry,
  UnreadableCacheEntryError,
  type CompressedEntry,
} from '../../utils/audio-codec/compressed-entry';
import { silentWav } from '../playback/wav-fixture';

function sampleEntry(overrides: Partial<CompressedEntry> = {}): CompressedEntry {
  return {
    channels: 1,
    preSkip: 312,
    sourceSampleRate: 22050,
    sourceFrames: 33075, // 1.5 s
    codecSampleRate: 48000,
    frames: 72000,
    encodedFrames: 74880,
    packets: [new Uint8Array([0xfc, 1, 2, 3]), new Uint8Array(300).fill(7), new Uint8Array([0xf8])],
    ...overrides,
  };
}

describe('compressed cache entries', () => {
  it('read back exactly what was written, packets in order', () => {
    const entry = sampleEntry();
    const back = unpackCompressedEntry(packCompressedEntry(entry));
    expect({ ...back, packets: back.packets.map((p) => Array.from(p)) }).toEqual({
      ...entry,
      packets: entry.packets.map((p) => Array.from(p)),
    });
  });

  it('cost two bytes per packet beyond the packets and a 32-byte header', () => {
    const entry = sampleEntry();
    const payload = entry.packets.reduce((n, p) => n + p.byteLength, 0);
    expect(packCompressedEntry(entry).byteLength).toBe(32 + 2 * entry.packets.length + payload);
  });

  it('are told apart from the WAV entries written before compression, by their bytes alone', () => {
    expect(cachedAudioFormat(silentWav({ dataBytes: 4410 }))).toBe('wav');
    expect(cachedAudioFormat(packCompressedEntry(sampleEntry()))).toBe('opus');
    expect(() => cachedAudioFormat(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).buffer)).toThrow(
      UnreadableCacheEntryError,
    );
    expect(() => cachedAudioFormat(new ArrayBuffer(0))).toThrow(UnreadableCacheEntryError);
  });

  it('give their duration from the header, as old WAV entries do from theirs', () => {
    expect(cachedAudioDurationMs(packCompressedEntry(sampleEntry()))).toBeCloseTo(1500, 6);
    // 44100 bytes of 16-bit mono at 22050 Hz: one second.
    expect(cachedAudioDurationMs(silentWav({ dataBytes: 44100 }))).toBeCloseTo(1000, 6);
  });

  it('of a version this code does not know are refused with a clear error, not misread', () => {
    const bytes = packCompressedEntry(sampleEntry());
    new DataView(bytes).setUint8(4, COMPRESSED_ENTRY_VERSION + 1);
    expect(() => unpackCompressedEntry(bytes)).toThrow(/version 2 is not readable/);
    expect(() => cachedAudioDurationMs(bytes)).toThrow(UnreadableCacheEntryError);
  });

  it('cut off anywhere are refused, not read past their end', () => {
    const bytes = packCompressedEntry(sampleEntry());
    for (const length of [3, 20, 33, 38, bytes.byteLength - 1]) {
      expect(() => unpackCompressedEntry(bytes.slice(0, length)), `cut at ${length}`).toThrow(
        UnreadableCacheEntryError,
      );
    }
  });

  it('refuse to store what they could not read back', () => {
    expect(() => packCompressedEntry(sampleEntry({ packets: [new Uint8Array(0)] }))).toThrow(RangeError);
    expect(() => packCompressedEntry(sampleEntry({ packets: [new Uint8Array(0x10000)] }))).toThrow(RangeError);
    expect(() => packCompressedEntry(sampleEntry({ preSkip: 70000 }))).toThrow(RangeError);
    expect(() => packCompressedEntry(sampleEntry({ channels: 3 }))).toThrow(RangeError);
    expect(() => packCompressedEntry(sampleEntry({ frames: -1 }))).toThrow(RangeError);
  });
});
