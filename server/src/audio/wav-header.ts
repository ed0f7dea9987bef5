/** Thrown for bytes that are not a readable, non-empty WAV file; routes map it to 400. */
export class WavFormatError extends Error {
  constructor(
    message: string,
    readonly code: 'not_wav' | 'invalid_wav' | 'empty_audio' | 'unsupported_wav',
  ) {
    super(message);
    this.name = 'WavFormatError';
  }
}

/** What the header of a WAV file says, checked against the bytes that are really there. */
export interface WavHeader {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  /** Offset and length of the data chunk's payload. */
  dataOffset: number;
  dataBytes: number;
  /** Sample frames the data chunk holds, from its size (no decoding). */
  frames: number;
  durationSec: number;
}

const PCM = 1;
const FLOAT = 3;
const ALAW = 6;
const MULAW = 7;
const IMA_ADPCM = 0x11;
const EXTENSIBLE = 0xfffe;
const MIN_SAMPLE_RATE = 4000;
const MAX_SAMPLE_RATE = 384_000;
const MAX_CHANNELS = 8;
/** IMA ADPCM step table has 89 entries (IMA Digital Audio Focus and Technical Working Groups, 1992). */
const IMA_MAX_STEP_INDEX = 88;

const invalid = (message: string) => new WavFormatError(message, 'invalid_wav');

/**
 * Reads and checks a WAV header without decoding the audio: every chunk must fit in the file (a size of 0xFFFFFFFF
 * over ten bytes is a lie, not a long recording), a WAVE_FORMAT_EXTENSIBLE header must carry its extension, and
 * IMA ADPCM blocks must start with valid step indexes. The duration follows from the sizes, so an over-long
 * recording is refused before any decoding work (a decoder trusting these sizes would allocate or spin on them).
 */
export function readWavHeader(bytes: Uint8Array): WavHeader {
  if (bytes.length === 0) throw new WavFormatError('The uploaded file is empty.', 'empty_audio');
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || !/^(RIFF|RIFX)$/.test(tag(0)) || tag(8) !== 'WAVE') {
    if (bytes.length >= 12 && tag(0) === 'RF64')
      throw new WavFormatError('RF64 (WAV over 4 GB) is not accepted for recordings.', 'unsupported_wav');
    throw new WavFormatError('The uploaded file is not a WAV file.', 'not_wav');
  }
  const littleEndian = tag(0) === 'RIFF';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (offset: number) => view.getUint16(offset, littleEndian);
  const u32 = (offset: number) => view.getUint32(offset, littleEndian);

  const riffSize = u32(4);
  if (riffSize + 8 > bytes.length) {
    throw invalid(`The RIFF header says the file holds ${riffSize + 8} bytes, but it has ${bytes.length}.`);
  }
  const end = riffSize + 8;
  let fmt:
    | {
        formatTag: number;
        channels: number;
        sampleRate: number;
        blockAlign: number;
        bitsPerSample: number;
        samplesPerBlock: number;
      }
    | undefined;
  let data: { offset: number; size: number } | undefined;
  for (let offset = 12; offset + 8 <= end;) {
    const id = tag(offset);
    const size = u32(offset + 4);
    const body = offset + 8;
    if (body + size > end) {
      throw invalid(
        `The "${id.replace(/[^\x20-\x7e]/g, '?')}" chunk declares ${size} bytes, but only ${end - body} follow.`,
      );
    }
    if (id === 'fmt ' && !fmt) fmt = readFmt(size, body);
    else if (id === 'data' && !data) data = { offset: body, size };
    offset = body + size + (size & 1);
  }
  if (!fmt) throw new WavFormatError('The WAV file has no "fmt " chunk.', 'not_wav');
  if (!data) throw new WavFormatError('The WAV file has no "data" chunk.', 'not_wav');
  if (data.size === 0) throw new WavFormatError('The WAV file contains no audio.', 'empty_audio');

  const frames = fmt.formatTag === IMA_ADPCM ? imaFrames(fmt, data) : Math.floor(data.size / fmt.blockAlign);
  if (frames === 0) throw new WavFormatError('The WAV file contains no audio.', 'empty_audio');
  return {
    formatTag: fmt.formatTag,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    blockAlign: fmt.blockAlign,
    dataOffset: data.offset,
    dataBytes: data.size,
    frames,
    durationSec: frames / fmt.sampleRate,
  };

  function readFmt(size: number, body: number) {
    if (size < 16) throw invalid(`The "fmt " chunk is ${size} bytes; it needs at least 16.`);
    let formatTag = u16(body);
    const channels = u16(body + 2);
    const sampleRate = u32(body + 4);
    const blockAlign = u16(body + 12);
    const bitsPerSample = u16(body + 14);
    let samplesPerBlock = 0;
    if (channels < 1 || channels > MAX_CHANNELS)
      throw new WavFormatError(`A WAV file with ${channels} channels is not supported.`, 'unsupported_wav');
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      throw new WavFormatError(`A sample rate of ${sampleRate} Hz is not supported.`, 'unsupported_wav');
    }
    if (formatTag === EXTENSIBLE) {
      // WAVEFORMATEXTENSIBLE: cbSize 22, valid bits, channel mask, and the sub-format GUID whose first two bytes
      // are the real format tag (Microsoft, "WAVEFORMATEXTENSIBLE structure").
      const cbSize = size >= 18 ? u16(body + 16) : 0;
      if (size < 40 || cbSize < 22)
        throw invalid('Format 0xFFFE (WAVE_FORMAT_EXTENSIBLE) without its 22-byte extension.');
      formatTag = u16(body + 24);
    }
    if (formatTag === IMA_ADPCM) {
      if (bitsPerSample !== 4) throw invalid(`IMA ADPCM must have 4 bits per sample, not ${bitsPerSample}.`);
      if (blockAlign <= 4 * channels)
        throw invalid(`IMA ADPCM block size ${blockAlign} is too small for ${channels} channel(s).`);
      // Multimedia Registration Kit: 4 header bytes per channel, then 8 samples per 4 bytes, plus the header's one.
      samplesPerBlock = ((blockAlign - 4 * channels) * 8) / (4 * channels) + 1;
    } else if (formatTag === PCM || formatTag === FLOAT || formatTag === ALAW || formatTag === MULAW) {
      const bytesPerSample = Math.ceil(bitsPerSample / 8);
      if (bitsPerSample < 1 || bitsPerSample > 64 || blockAlign !== bytesPerSample * channels) {
        throw invalid(
          `Block size ${blockAlign} does not match ${channels} channel(s) of ${bitsPerSample}-bit samples.`,
        );
      }
    } else {
      throw new WavFormatError(`WAV format 0x${formatTag.toString(16)} is not supported.`, 'unsupported_wav');
    }
    return { formatTag, channels, sampleRate, blockAlign, bitsPerSample, samplesPerBlock };
  }

  function imaFrames(f: NonNullable<typeof fmt>, d: { offset: number; size: number }): number {
    let frames = 0;
    for (let block = d.offset; block < d.offset + d.size; block += f.blockAlign) {
      const length = Math.min(f.blockAlign, d.offset + d.size - block);
      if (length < 4 * f.channels) throw invalid('The last IMA ADPCM block is shorter than its header.');
      for (let ch = 0; ch < f.channels; ch++) {
        const header = block + 4 * ch;
        if (bytes[header + 2]! > IMA_MAX_STEP_INDEX || bytes[header + 3] !== 0) {
          throw invalid(
            `IMA ADPCM block at byte ${block} has an invalid header (step index ${bytes[header + 2]}): not IMA ADPCM data.`,
          );
        }
      }
      frames += length === f.blockAlign ? f.samplesPerBlock : ((length - 4 * f.channels) * 8) / (4 * f.channels) + 1;
    }
    return Math.floor(frames);
  }
}
