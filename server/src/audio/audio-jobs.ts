import { readFile } from 'node:fs/promises';
import { analyseSpeaker, type SpeakerAnalysis } from '../voice-build/voice-from-recordings';
import { checkLevel, type LevelReport } from './level-check';
import { mixToMono, readWav } from './wav-read';

/**
 * The CPU-heavy audio work, run inside the audio worker (audio-jobs-worker.mjs) so that decoding a 10 MB upload or
 * pitch-tracking a build's recordings never stalls the server's event loop.
 */
export interface RecordingCheck {
  sampleRate: number;
  channels: number;
  durationSec: number;
  level: LevelReport;
}

/** Decodes an upload and judges its level; WavFormatError for bytes that are not usable audio. */
export function inspectRecording(bytes: Uint8Array): RecordingCheck {
  const wav = readWav(bytes);
  return {
    sampleRate: wav.sampleRate,
    channels: wav.channels.length,
    durationSec: wav.durationSec,
    level: checkLevel(wav),
  };
}

/** Reads the stored recordings of a build and analyses the speaker. */
export async function analyseRecordingFiles(files: { path: string; transcript: string }[]): Promise<SpeakerAnalysis> {
  const inputs: { samples: Float32Array; sampleRate: number; transcript: string }[] = [];
  for (const file of files) {
    const wav = readWav(new Uint8Array(await readFile(file.path)));
    inputs.push({ samples: mixToMono(wav), sampleRate: wav.sampleRate, transcript: file.transcript });
  }
  return analyseSpeaker(inputs);
}
