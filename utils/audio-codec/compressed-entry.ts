// The byte layout of a compressed audio cache entry. Entries written before compression are plain RIFF/WAVE files;
// a compressed entry starts with its own magic and a format version, so every reader can tell the two apart from the
// bytes alone and old WAV entries keep playing (no migration, nothing lost).
//
// Layout (little endian):
//   0  'VROP' magic                      4  u8 format version (COMPRESSED_ENTRY_VERSION)
//   5  u8 channels                       6  u16 pre-skip: decoded frames to drop at the start (RFC 7845 §4.2)
//   8  u32 source sample rate            12 u32 source frames (the WAV's length: the duration the player must keep)
//   16 u32 codec sample rate             20 u32 frames to keep at the codec rate after the pre-skip
//   24 u32 frames the packets decode to (before any decoder-side pre-skip)
//   28 u32 packet count                  32 u16 byte length of each packet, then the packets back to back
// Opus packets are self-delimiting in duration (RFC 6716 §3.1, the TOC byte), so only their lengths are kept.

import { readWavInfo } from '../playback/wav-decode';

export const COMPRESSED_ENTRY_MAGIC = 'VROP';
export const COMPRESSED_ENTRY_VERSION = 1;
const HEADER_BYTES = 32;
/** RFC 6716 §3.2.1: no Opus packet is longer than 1275 bytes per frame, 6 frames at most: fits a u16. */
const MAX_PACKET_BYTES = 0xffff;

export type CachedAudioFormat = 'wav' | 'opus';

export interface CompressedEntry {
  channels: number;
  preSkip: number;
  sourceSampleRate: number;
  sourceFrames: number;
  codecSampleRate: number;
  /** Frames at the codec rate that stand for the source's frames: the decoded length after the pre-skip. */
  frames: number;
  /** Frames all the packets decode to, pre-skip and end padding included. */
  encodedFrames: number;
  packets: Uint8Array[];
}

export class UnreadableCacheEntryError extends Error {
  override name = 'UnreadableCacheEntryError';
}

function ascii(bytes: ArrayBuffer, offset: number, length: number): string {
  if (bytes.byteLength < offset + length) return '';
  return String.fromCharCode(...new Uint8Array(bytes, offset, length));
}

/** Which kind of entry the bytes are; throws UnreadableCacheEntryError for anything else. */
export function cachedAudioFormat(bytes: ArrayBuffer): CachedAudioFormat {
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return 'wav';
  if (ascii(bytes, 0, 4) === COMPRESSED_ENTRY_MAGIC) return 'opus';
  throw new UnreadableCacheEntryError('The cached audio is in a format this version cannot read.');
}

function u32(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`compressed entry: ${name} must be an unsigned 32-bit integer (got ${value}).`);
  }
  return value;
}

export function packCompressedEntry(entry: CompressedEntry): ArrayBuffer {
  if (entry.channels < 1 || entry.channels > 2) throw new RangeError('compressed entry: 1 or 2 channels.');
  if (!Number.isInteger(entry.preSkip) || entry.preSkip < 0 || entry.preSkip > 0xffff) {
    throw new RangeError('compressed entry: pre-skip must fit 16 bits.');
  }
  const payload = entry.packets.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new ArrayBuffer(HEADER_BYTES + 2 * entry.packets.length + payload);
  const view = new DataView(out);
  const bytes = new Uint8Array(out);
  for (let i = 0; i < 4; i++) bytes[i] = COMPRESSED_ENTRY_MAGIC.charCodeAt(i);
  view.setUint8(4, COMPRESSED_ENTRY_VERSION);
  view.setUint8(5, entry.channels);
  view.setUint16(6, entry.preSkip, true);
  view.setUint32(8, u32('sourceSampleRate', entry.sourceSampleRate), true);
  view.setUint32(12, u32('sourceFrames', entry.sourceFrames), true);
  view.setUint32(16, u32('codecSampleRate', entry.codecSampleRate), true);
  view.setUint32(20, u32('frames', entry.frames), true);
  view.setUint32(24, u32('encodedFrames', entry.encodedFrames), true);
  view.setUint32(28, entry.packets.length, true);
  let offset = HEADER_BYTES;
  for (const p of entry.packets) {
    if (p.byteLength === 0 || p.byteLength > MAX_PACKET_BYTES) {
      throw new RangeError(`compressed entry: a packet of ${p.byteLength} bytes cannot be stored.`);
    }
    view.setUint16(offset, p.byteLength, true);
    offset += 2;
  }
  for (const p of entry.packets) {
    bytes.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/** The entry's fields; throws UnreadableCacheEntryError on another format, a newer version or cut-off bytes. */
export function unpackCompressedEntry(bytes: ArrayBuffer): CompressedEntry {
  if (ascii(bytes, 0, 4) !== COMPRESSED_ENTRY_MAGIC) throw new UnreadableCacheEntryError('Not a compressed entry.');
  if (bytes.byteLength < HEADER_BYTES) throw new UnreadableCacheEntryError('The compressed entry is cut off.');
  const view = new DataView(bytes);
  const version = view.getUint8(4);
  if (version !== COMPRESSED_ENTRY_VERSION) {
    throw new UnreadableCacheEntryError(`Compressed entry version ${version} is not readable by this version.`);
  }
  const count = view.getUint32(28, true);
  let offset = HEADER_BYTES + 2 * count;
  if (offset > bytes.byteLength) throw new UnreadableCacheEntryError('The compressed entry is cut off.');
  const packets: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getUint16(HEADER_BYTES + 2 * i, true);
    if (offset + length > bytes.byteLength) throw new UnreadableCacheEntryError('The compressed entry is cut off.');
    packets.push(new Uint8Array(bytes, offset, length));
    offset += length;
  }
  return {
    channels: view.getUint8(5),
    preSkip: view.getUint16(6, true),
    sourceSampleRate: view.getUint32(8, true),
    sourceFrames: view.getUint32(12, true),
    codecSampleRate: view.getUint32(16, true),
    frames: view.getUint32(20, true),
    encodedFrames: view.getUint32(24, true),
    packets,
  };
}

/** Duration of the speech in an entry of either format, from its header alone (no decoding). */
export function cachedAudioDurationMs(bytes: ArrayBuffer): number {
  if (cachedAudioFormat(bytes) === 'wav') return readWavInfo(bytes).durationMs;
  const entry = unpackCompressedEntry(bytes);
  return entry.sourceSampleRate > 0 ? (entry.sourceFrames / entry.sourceSampleRate) * 1000 : 0;
}
