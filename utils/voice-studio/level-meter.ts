// The live level meter while a take is recorded, and the warnings it raises. The thresholds follow the server's
// level check (server/docs/accounts-and-builds.md "Level check") so that what the speaker is warned about while
// speaking is what the server will judge: clipping at -0.1 dBFS, too loud above -8 dBFS, too quiet below -45 dBFS
// of speech level. The server's verdict stays the one that counts; these only warn early.
import { i18n } from '../i18n/i18n';

export const METER_THRESHOLDS = {
  clipSampleDbfs: -0.1,
  /** Speech louder than this (RMS over the recent loud blocks) is "too loud" even without clipping. */
  tooLoudDbfs: -8,
  /** Speech quieter than this is "too quiet". */
  tooQuietDbfs: -45,
  /** Blocks quieter than this are silence: no voice at all, not quiet speech. */
  silenceDbfs: -70,
  /** How much recent audio the warnings look at. */
  windowSeconds: 1.5,
  /** A block, as the server cuts them. */
  blockSeconds: 0.05,
} as const;

export type LevelWarning = 'clipping' | 'too-loud' | 'too-quiet' | null;

export interface MeterReading {
  /** RMS of the last block, dBFS (-Infinity for digital silence). */
  rmsDbfs: number;
  /** Peak of the last block, dBFS. */
  peakDbfs: number;
  /** 0..1 for drawing: -60 dBFS → 0, 0 dBFS → 1. */
  fill: number;
  warning: LevelWarning;
}

export function toDbfs(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}

const clipLevel = 10 ** (METER_THRESHOLDS.clipSampleDbfs / 20);

interface Block {
  power: number;
  clipped: boolean;
}

/**
 * Fed with the capture's sample blocks as they arrive; tells the level of the latest and the warning for the last
 * 1.5 s. "Too quiet" needs at least that much audio, so the first words are not judged by the silence before them.
 */
export class LevelMeter {
  private readonly blockSize: number;
  private readonly windowBlocks: number;
  private readonly blocks: Block[] = [];
  private partialSum = 0;
  private partialCount = 0;
  private partialClipped = false;
  private lastRms = 0;
  private lastPeak = 0;
  private seenBlocks = 0;

  constructor(sampleRate: number) {
    this.blockSize = Math.max(1, Math.round(sampleRate * METER_THRESHOLDS.blockSeconds));
    this.windowBlocks = Math.round(METER_THRESHOLDS.windowSeconds / METER_THRESHOLDS.blockSeconds);
  }

  push(samples: Float32Array): MeterReading {
    let sum = 0;
    let peak = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i] as number;
      const magnitude = Math.abs(x);
      if (magnitude > peak) peak = magnitude;
      sum += x * x;
      this.partialSum += x * x;
      this.partialCount++;
      if (magnitude >= clipLevel) this.partialClipped = true;
      if (this.partialCount === this.blockSize) this.closeBlock();
    }
    this.lastRms = samples.length ? Math.sqrt(sum / samples.length) : 0;
    this.lastPeak = peak;
    return this.reading();
  }

  private closeBlock(): void {
    this.blocks.push({ power: this.partialSum / this.partialCount, clipped: this.partialClipped });
    if (this.blocks.length > this.windowBlocks) this.blocks.shift();
    this.seenBlocks++;
    this.partialSum = 0;
    this.partialCount = 0;
    this.partialClipped = false;
  }

  reading(): MeterReading {
    const rmsDbfs = toDbfs(this.lastRms);
    return {
      rmsDbfs,
      peakDbfs: toDbfs(this.lastPeak),
      fill: Number.isFinite(rmsDbfs) ? Math.max(0, Math.min(1, (rmsDbfs + 60) / 60)) : 0,
      warning: this.warning(),
    };
  }

  /** The warning for the recent window: clipping first, then too loud, then too quiet. */
  warning(): LevelWarning {
    if (this.blocks.some((b) => b.clipped) || this.partialClipped) return 'clipping';
    const speech = speechLevelDbfs(this.blocks.map((b) => b.power));
    if (speech > METER_THRESHOLDS.tooLoudDbfs) return 'too-loud';
    if (this.seenBlocks >= this.windowBlocks && speech < METER_THRESHOLDS.tooQuietDbfs) return 'too-quiet';
    return null;
  }
}

/**
 * Level of the speech in these blocks' powers: the RMS over the blocks above the silence gate and within 20 dB of
 * their mean (the server's gating). No block above the gate → -Infinity (silence, or a voice far too quiet).
 */
export function speechLevelDbfs(powers: readonly number[]): number {
  const gate = 10 ** (METER_THRESHOLDS.silenceDbfs / 10);
  const loud = powers.filter((p) => p > gate);
  if (loud.length === 0) return -Infinity;
  const mean = loud.reduce((a, b) => a + b, 0) / loud.length;
  const active = loud.filter((p) => p > mean / 100);
  return 10 * Math.log10(active.reduce((a, b) => a + b, 0) / active.length);
}

/** Words for a warning, said on screen and announced. */
export function warningText(warning: LevelWarning): string {
  switch (warning) {
    case 'clipping':
      return i18n.t('studio.warnings.clipping');
    case 'too-loud':
      return i18n.t('studio.warnings.tooLoud');
    case 'too-quiet':
      return i18n.t('studio.warnings.tooQuiet');
    default:
      return '';
  }
}
