// The compressed audio cache in real Chromium: a reading stores WAV as the server sends it, the offscreen document
// re-stores each played unit as Opus (utils/cache/cache-compactor.ts), and a second reading plays those entries
// with no synthesis request, with every unit as long as before and every seam where it was.
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  describeState,
  ext,
  ExtensionTargets,
  openTab,
  playbackLog,
  playbackProblems,
  synthesisRequests,
  useExtensionSession,
  waitForEnd,
  type PlaybackEventRecord,
  type ReadingState,
} from './helpers';

const session = useExtensionSession();

interface StoredEntry {
  key: string;
  magic: string;
  bytes: number;
  /** From a compressed entry's header (utils/audio-codec/compressed-entry.ts): the source's rate and length. */
  sourceSampleRate: number;
  sourceFrames: number;
}

/** The audio cache's entries for `keys`, read straight from its IndexedDB database in the service worker. */
function storedEntries(state: ReadingState): Promise<StoredEntry[]> {
  const keys = state.units.map((u) => u.cacheKey!);
  return session.browser.sw.evaluate(async (keys) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('vocalid-audio');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const read = (key: string) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const req = db.transaction('audio').objectStore('audio').get(key);
        req.onsuccess = () => resolve(req.result as ArrayBuffer);
        req.onerror = () => reject(req.error);
      });
    const out = [];
    for (const key of keys) {
      const bytes = await read(key);
      const view = new DataView(bytes);
      out.push({
        key,
        magic: String.fromCharCode(...new Uint8Array(bytes, 0, 4)),
        bytes: bytes.byteLength,
        sourceSampleRate: view.getUint32(8, true),
        sourceFrames: view.getUint32(12, true),
      });
    }
    db.close();
    return out;
  }, keys);
}

interface Slot {
  index: number;
  start: number;
  end: number;
}

/** Each unit's place on the audio clock, from the player's own events (seconds of AudioContext time). */
function slots(events: PlaybackEventRecord[]): Slot[] {
  const byIndex = new Map<number, Slot>();
  for (const e of events) {
    if (e.contextTime === undefined) continue;
    const slot = byIndex.get(e.index) ?? { index: e.index, start: NaN, end: NaN };
    if (e.kind === 'started') slot.start = e.contextTime;
    if (e.kind === 'ended') slot.end = e.contextTime;
    byIndex.set(e.index, slot);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

const ms = (s: number) => Math.round(s * 10_000) / 10;

describe('compressed audio cache (real Chromium, WebCodecs Opus)', () => {
  it('re-stores played units as Opus and reads them back with 0 requests, unit lengths and seams intact', async () => {
    const { sw } = session.browser;
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('twenty-sentences.html'));

    await ext.read(sw, tabId, { source: 'article' });
    const first = await waitForEnd(sw, 180_000);
    expect(first.status, describeState(first)).toBe('done');
    expect(first.units.length).toBeGreaterThan(3);
    const firstEvents = await playbackLog(sw, first.sessionId);
    expect(playbackProblems(first, firstEvents)).toEqual([]);

    // Compression runs in the offscreen document after each unit is loaded for playing: wait for what it queued.
    const targets = new ExtensionTargets(session.browser);
    const offscreen = await targets.offscreen();
    expect(offscreen, 'the offscreen document').toBeDefined();
    await offscreen!.evaluate('globalThis.__vocalidOffscreenTest.compactorIdle()');

    const stored = await storedEntries(first);
    for (const e of stored) expect(e.magic, `entry of ${e.key.slice(0, 8)}…`).toBe('VROP');
    const speechMs = stored.reduce((n, e) => n + (e.sourceFrames / e.sourceSampleRate) * 1000, 0);
    const compressedBytes = stored.reduce((n, e) => n + e.bytes, 0);
    // What the same speech took as the server's 16-bit mono WAV.
    const wavBytes = stored.reduce((n, e) => n + 44 + 2 * e.sourceFrames, 0);
    const minutesPerMB = speechMs / 60_000 / (compressedBytes / (1024 * 1024));
    const stats = (await ext.cacheStats(sw)) as { bytes: number; entries: number };
    expect(stats).toEqual({ bytes: compressedBytes, entries: stored.length });
    expect(compressedBytes * 5).toBeLessThan(wavBytes);
    // The target (≥ 3 minutes of speech per MB; WAV at 22 kHz holds 0.37).
    expect(minutesPerMB).toBeGreaterThanOrEqual(3);

    await clearServerRequests(session.server);
    await ext.read(sw, tabId, { source: 'article' });
    const second = await waitForEnd(sw, 180_000);
    expect(second.status, describeState(second)).toBe('done');
    expect(await synthesisRequests(session.server)).toEqual([]);
    for (const u of second.units) expect(u.fromCache, `unit ${u.index} fromCache`).toBe(true);
    const secondEvents = await playbackLog(sw, second.sessionId);
    expect(playbackProblems(second, secondEvents)).toEqual([]);

    const log = (await offscreen!.evaluate<{
      compressed: { speechMs: number; encodeMs: number }[];
      decoded: { speechMs: number; decodedMs: number; decodeMs: number }[];
    }>('globalThis.__vocalidOffscreenTest.codecLog'))!;
    expect(log.decoded.length, 'units decoded from Opus').toBeGreaterThanOrEqual(second.units.length);
    // Pre-skip and end padding cut away: every decoded unit is the source's length to within one 48 kHz sample.
    for (const d of log.decoded) expect(Math.abs(d.decodedMs - d.speechMs)).toBeLessThan(1000 / 48_000);

    const a = slots(firstEvents);
    const b = slots(secondEvents);
    const lengthDiffs = a.map((s, i) => ms(b[i]!.end - b[i]!.start - (s.end - s.start)));
    const excess = b.slice(1).map((s, i) => ms(s.start - b[i]!.end) - second.units[i]!.pauseAfterMs);
    const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
    const encodeMsPerMin =
      sum(log.compressed.map((r) => r.encodeMs)) / (sum(log.compressed.map((r) => r.speechMs)) / 60_000);
    const decodeMsPerMin = sum(log.decoded.map((r) => r.decodeMs)) / (sum(log.decoded.map((r) => r.speechMs)) / 60_000);
    console.log(
      `[compressed cache] ${stored.length} units, ${(speechMs / 1000).toFixed(1)} s of speech: ` +
        `${(compressedBytes / 1024).toFixed(1)} KB as Opus vs ${(wavBytes / 1024).toFixed(1)} KB as WAV; ` +
        `${minutesPerMB.toFixed(2)} min of speech per MB (WAV ${(speechMs / 60_000 / (wavBytes / 1048576)).toFixed(2)}); ` +
        `encode ${encodeMsPerMin.toFixed(0)} ms and decode ${decodeMsPerMin.toFixed(0)} ms per minute of speech; ` +
        `unit length changes ${lengthDiffs.join('/')} ms; seam excess ${excess.join('/')} ms`,
    );
    // Same units, same lengths: the Opus entries decode to the source's exact duration (checked above), so the
    // player places each unit as it did the WAV. A unit's slot runs from its first to its last 2 ms window at
    // -50 dBFS RMS (utils/playback/trim-silence.ts findSoundBounds); where a tail hovers at that level, Opus's coding
    // noise moves the crossing by tens of ms (measured: 0 ms for most units, up to 52 ms once), inaudible at
    // -50 dBFS. Whole-reading length stays within 1 %, each unit within 100 ms.
    expect(b.map((s) => s.index)).toEqual(a.map((s) => s.index));
    for (const d of lengthDiffs)
      expect(Math.abs(d), `unit length change, ms: ${lengthDiffs.join(' ')}`).toBeLessThanOrEqual(100);
    const total = (xs: Slot[]) => xs.reduce((n, s) => n + (s.end - s.start), 0);
    expect(Math.abs(total(b) - total(a))).toBeLessThanOrEqual(total(a) / 100);
    // Seams: from the cache every unit is ready ahead, so each join is the unit's own pause (sound-aligned placing
    // may overlap quiet edges into it), never a gap beyond it.
    for (const x of excess) expect(x, `seam beyond the pause, ms: ${excess.join(' ')}`).toBeLessThanOrEqual(20);
    await page.close();
  });
});
