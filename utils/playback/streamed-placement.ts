// Where the samples of a unit still arriving go on the AudioContext timeline (docs/architecture.md "Streamed
// playback"). The same rules as a whole unit (trim-silence.ts, timeline.ts), decided as early as the samples allow:
// - the leading silence is trimmed as soon as the first loud sample is there, and (sound-aligned) the unit is
//   placed once its first loud window is, with at least START_BUFFER_MS of audio in hand so that the chunks after
//   it arrive before they are due;
// - the trailing trim needs the end, so quiet samples after the last loud one are held back until either louder
//   samples follow (they were a pause inside the unit) or the stream ends (they were its tail, trimmed);
// - every piece goes right after the previous one; a piece that arrives after its time is not scheduled in the past
//   (Web Audio would play it at once, over nothing, and the timeline would drift): it waits the lead and the rest of
//   the unit follows it — a short gap in a late stream, never a lost or doubled sample.
import { nextSlot, nextSoundSlot, type TimelineSlot } from './timeline';
import { DEFAULT_TRIM_KEEP_MS, DEFAULT_TRIM_THRESHOLD_DB, findSoundBounds } from './trim-silence';

/** Audio in hand before the first piece is scheduled: ~70 ms more of a 0.3 real-time-factor service's time. */
export const START_BUFFER_MS = 250;

export interface PlacementStart {
  now: number;
  leadS: number;
  previousEnd: number | null;
  /** Already divided by the speed. */
  previousPauseMs: number;
}

export interface StreamPiece {
  /** Frames [from, to) of the unit's samples. */
  from: number;
  to: number;
  /** AudioContext time the piece starts at. */
  when: number;
}

export interface StreamPlacementOptions {
  sampleRate: number;
  soundAligned: boolean;
  /** Test builds' speed knob (GaplessPlayerDeps.speed): timeline seconds are buffer seconds ÷ speed. */
  speed?: number;
  startBufferMs?: number;
}

export class StreamPlacement {
  private samples: Float32Array<ArrayBuffer>[] = [];
  private frames = 0;
  /** First frame to play (the leading trim), once a loud sample was seen. */
  private startFrame: number | null = null;
  private lastLoud = -1;
  private cursorFrame = 0;
  private cursorTime = 0;
  private readonly pieces: StreamPiece[] = [];
  private slotStart: number | null = null;
  private soundStartFrame = 0;
  /** Pieces that had to wait because they arrived after their time. */
  late = 0;
  /** How long they waited in all, in timeline seconds (silence a listener heard inside the unit). */
  waitedS = 0;
  private readonly threshold = Math.pow(10, DEFAULT_TRIM_THRESHOLD_DB / 20);
  private readonly keep: number;
  private readonly speed: number;

  constructor(private readonly options: StreamPlacementOptions) {
    this.keep = Math.round((DEFAULT_TRIM_KEEP_MS / 1000) * options.sampleRate);
    this.speed = options.speed ?? 1;
  }

  /** Where the sound (sound-aligned) or the trimmed audio starts, once placed. */
  get start(): number | null {
    return this.slotStart;
  }

  /** All the samples so far, per channel (for the sources' buffers). */
  channelData(from: number, to: number): Float32Array<ArrayBuffer>[] {
    return this.samples.map((c) => c.subarray(from, to));
  }

  /** Takes the next samples (one array per channel); returns the piece to schedule now, if any. */
  push(channels: Float32Array[], clock: PlacementStart): StreamPiece | null {
    this.append(channels);
    if (this.startFrame === null) return null;
    if (this.slotStart === null && !this.place(clock, false)) return null;
    return this.schedule(Math.min(this.frames, this.lastLoud + 1 + this.keep), clock.now + clock.leadS);
  }

  /** The stream ended: the last piece (up to the trailing trim) and the unit's slot. */
  finish(clock: PlacementStart): { piece: StreamPiece | null; slot: TimelineSlot } {
    if (this.startFrame === null) {
      // Silence throughout: trimmed to nothing, like a whole unit (findTrimBounds → 0..0).
      this.startFrame = 0;
      this.lastLoud = -1 - this.keep;
    }
    if (this.slotStart === null) this.place(clock, true);
    const endFrame = Math.max(this.startFrame, Math.min(this.frames, this.lastLoud + 1 + this.keep));
    const piece = this.schedule(endFrame, clock.now + clock.leadS);
    let soundEnd = endFrame;
    if (this.options.soundAligned) {
      const bounds = findSoundBounds(this.samples, this.options.sampleRate, this.startFrame, endFrame);
      if (bounds) soundEnd = bounds.endFrame;
    }
    const start = this.slotStart!;
    return { piece, slot: { start, end: Math.max(start, this.timeOf(soundEnd)) } };
  }

  private append(channels: Float32Array[]): void {
    const added = channels[0]?.length ?? 0;
    if (this.samples.length === 0) this.samples = channels.map(() => new Float32Array(Math.max(added, 4096)));
    if (this.frames + added > this.samples[0]!.length) {
      const size = Math.max(this.frames + added, this.samples[0]!.length * 2);
      this.samples = this.samples.map((c) => {
        const grown = new Float32Array(size);
        grown.set(c.subarray(0, this.frames));
        return grown;
      });
    }
    this.samples.forEach((c, i) => c.set(channels[i]!, this.frames));
    for (let f = this.frames; f < this.frames + added; f++) {
      if (this.samples.some((c) => Math.abs(c[f]!) > this.threshold)) {
        this.lastLoud = f;
        if (this.startFrame === null) this.startFrame = Math.max(0, f - this.keep);
      }
    }
    this.frames += added;
  }

  /** Puts the unit on the timeline once enough is known (always at the end); false while it must wait. */
  private place(clock: PlacementStart, ended: boolean): boolean {
    const rate = this.options.sampleRate;
    const from = this.startFrame!;
    if (!ended && ((this.frames - from) / rate) * 1000 < (this.options.startBufferMs ?? START_BUFFER_MS)) return false;
    const timing = {
      now: clock.now,
      previousEnd: clock.previousEnd,
      previousPauseMs: clock.previousPauseMs,
      leadS: clock.leadS,
    };
    if (this.options.soundAligned) {
      const sound = findSoundBounds(this.samples, rate, from, this.frames);
      // Its first loud window may still be arriving (a soft onset); at the end, no loud window means sound throughout.
      if (!sound && !ended) return false;
      this.soundStartFrame = sound ? sound.startFrame : from;
      const leadInS = (this.soundStartFrame - from) / rate / this.speed;
      const s = nextSoundSlot({ ...timing, span: { leadInS, soundEndS: leadInS } });
      this.slotStart = s.start;
      this.cursorTime = s.bufferStart;
      this.cursorFrame = from + Math.round(s.skipS * this.speed * rate);
    } else {
      const s = nextSlot({ ...timing, durationS: 0 });
      this.slotStart = s.start;
      this.cursorTime = s.start;
      this.cursorFrame = from;
    }
    return true;
  }

  private schedule(to: number, earliest: number): StreamPiece | null {
    if (to <= this.cursorFrame) return null;
    let when = this.cursorTime;
    if (when < earliest) {
      when = earliest;
      this.late++;
      this.waitedS += when - this.cursorTime;
      // The first piece late: the sound starts later too.
      if (this.pieces.length === 0) this.slotStart! += when - this.cursorTime;
    }
    const piece = { from: this.cursorFrame, to, when };
    this.pieces.push(piece);
    this.cursorFrame = to;
    this.cursorTime = when + (to - piece.from) / this.options.sampleRate / this.speed;
    return piece;
  }

  /** The timeline time of frame `frame` (a frame already scheduled, or the one after the last). */
  private timeOf(frame: number): number {
    const rate = this.options.sampleRate * this.speed;
    for (let i = this.pieces.length - 1; i >= 0; i--) {
      const p = this.pieces[i]!;
      if (frame >= p.from) return p.when + (frame - p.from) / rate;
    }
    return this.cursorTime;
  }
}
