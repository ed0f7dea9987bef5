/**
 * The page side of following a reading: applies the service worker's PageView snapshots to the live page —
 * sentence highlight, estimated word highlight, auto-scroll, the on-page mini player and the "continue from"
 * offer — and turns the player's buttons into actions for the service worker.
 *
 * Timing: the worker reports when a unit's audio started (Date.now(), same clock as the page) and its real
 * duration; the word being spoken is estimated from those per animation frame (utils/highlight/word-timing).
 * Time spent paused is subtracted so the word resumes where the audio does.
 */
import type { BlockTextMap } from '../../utils/page-text/block-text-map';
import { createAutoScroller, type AutoScroller } from '../../utils/highlight/auto-scroll';
import { createPageHighlighter, type PageHighlighter } from '../../utils/highlight/page-highlighter';
import { estimateWordTimings, wordAtTime, type TimedWord, type WordSpan } from '../../utils/highlight/word-timing';
import { mountMiniPlayer, type MiniPlayerHandle } from '../../components/mini-player/mount-mini-player';
import type { MiniPlayerAction } from '../../components/mini-player/mini-player-types';
import { FINISHED_STATUSES, type PageView } from '../../utils/reading/page-view';
import type { SliderSeek } from '../../utils/reading/seek-target';
import { showResumeOffer, type ResumeOfferHandle } from './resume-offer';

export type PageAction =
  | { kind: 'player'; action: MiniPlayerAction }
  | { kind: 'continue'; index: number }
  /** The player's position slider. */
  | { kind: 'seek'; target: SliderSeek }
  | { kind: 'volume'; volume: number };

/** What the page currently shows, for tests and test-build hooks. */
export interface FollowSnapshot {
  sentence: string | null;
  word: string | null;
  /** Offset of the word in the unit's text. */
  wordStart: number | null;
  remainingMs: number | null;
  unitIndex: number | null;
}

export interface FollowAlongOptions {
  document?: Document;
  onAction(action: PageAction): void;
  /** 'closed' on real pages; test builds use 'open' so accessibility tools can look inside. */
  shadowMode?: ShadowRootMode;
  /** Called after every change of what is shown (test builds mirror it into the DOM). */
  onShown?(snapshot: FollowSnapshot): void;
  now?: () => number;
  /** Injected in unit tests; default the real modules. */
  createHighlighter?: typeof createPageHighlighter;
  createScroller?: typeof createAutoScroller;
  mountPlayer?: typeof mountMiniPlayer;
  /** command name → its keys, for the player's aria-keyshortcuts. */
  loadShortcuts?(): Promise<Record<string, string>>;
}

export interface FollowAlong {
  /** The blocks of the latest extraction; block i of the reading is maps[i]. */
  setBlocks(extractionId: string, maps: readonly BlockTextMap[]): void;
  show(view: PageView): void;
  /** Keyboard focus to the player, if it is shown (the focus-player command). */
  focusPlayer(): void;
  snapshot(): FollowSnapshot;
  destroy(): void;
}

/** How often the time left is refreshed on the player while playing. */
const TICK_MS = 1000;

export function createFollowAlong(options: FollowAlongOptions): FollowAlong {
  const doc = options.document ?? document;
  const win = doc.defaultView;
  const now = options.now ?? (() => Date.now());
  let extractionId: string | null = null;
  let maps: readonly BlockTextMap[] = [];
  let view: PageView | null = null;
  let highlighter: PageHighlighter | null = null;
  let scroller: AutoScroller | null = null;
  let player: MiniPlayerHandle | null = null;
  let offer: ResumeOfferHandle | null = null;
  let dismissedOffer: string | null = null;
  /** The reading whose error the user closed: its later snapshots do not bring it back. */
  let dismissedError: string | null = null;

  // The unit on screen and its word timings.
  let shownUnit: {
    key: string;
    map: BlockTextMap;
    start: number;
    timings: TimedWord[] | null;
    startedAt: number;
  } | null = null;
  let sentenceText: string | null = null;
  let wordText: string | null = null;
  let word: WordSpan | null = null;
  let pausedSince: number | null = null;
  let pausedTotal = 0;
  let frame = 0;
  let tick: ReturnType<typeof setInterval> | undefined;

  const snapshot = (): FollowSnapshot => ({
    sentence: sentenceText,
    word: wordText,
    wordStart: wordText === null ? null : (word?.start ?? null),
    remainingMs: view && !FINISHED_STATUSES.includes(view.status) ? remainingNow() : null,
    unitIndex: view?.current?.index ?? null,
  });
  const emit = (): void => options.onShown?.(snapshot());

  function remainingNow(): number {
    if (!view) return 0;
    const elapsed = view.status === 'playing' ? Math.max(0, now() - view.at) : 0;
    return Math.max(0, Math.round(view.remainingMs - elapsed));
  }

  function ensureHighlighter(v: PageView): PageHighlighter {
    const colors = { sentence: v.settings.sentenceColor, word: v.settings.wordColor };
    if (!highlighter) {
      highlighter = (options.createHighlighter ?? createPageHighlighter)({
        colors,
        granularity: v.settings.granularity,
        document: doc,
      });
    } else {
      highlighter.setColors(colors);
      highlighter.setGranularity(v.settings.granularity);
    }
    return highlighter;
  }

  function stopFrames(): void {
    if (frame && win) win.cancelAnimationFrame(frame);
    frame = 0;
  }

  function elapsedInUnit(): number {
    if (!shownUnit) return 0;
    const t = pausedSince ?? now();
    return t - shownUnit.startedAt - pausedTotal;
  }

  /** Moves the word highlight to the word being spoken; true while there is more to follow. */
  function updateWord(): boolean {
    if (!shownUnit?.timings || !highlighter) return false;
    const w = wordAtTime(shownUnit.timings, elapsedInUnit());
    if (w && (!word || w.start !== word.start)) {
      word = w;
      const range = shownUnit.map.rangeFor(shownUnit.start + w.start, shownUnit.start + w.end);
      highlighter.showWord(range);
      wordText = range.toString();
      emit();
    }
    const last = shownUnit.timings[shownUnit.timings.length - 1];
    return !last || !word || word.start !== last.start;
  }

  function runFrames(): void {
    stopFrames();
    if (!win || !shownUnit?.timings) return;
    const step = (): void => {
      frame = 0;
      if (pausedSince === null && !updateWord()) return;
      frame = win.requestAnimationFrame(step);
    };
    frame = win.requestAnimationFrame(step);
  }

  function clearHighlight(): void {
    stopFrames();
    highlighter?.clear();
    shownUnit = null;
    sentenceText = null;
    wordText = null;
    word = null;
    pausedTotal = 0;
    pausedSince = null;
  }

  function showUnit(v: PageView): void {
    const cur = v.current;
    if (!cur || v.extractionId !== extractionId) {
      clearHighlight();
      return;
    }
    const key = `${v.sessionId}:${cur.index}:${cur.startedAt}`;
    const map = maps[cur.block];
    if (!map) {
      clearHighlight();
      return;
    }
    const h = ensureHighlighter(v);
    if (shownUnit?.key !== key) {
      stopFrames();
      pausedTotal = 0;
      pausedSince = v.status === 'paused' ? now() : null;
      word = null;
      wordText = null;
      const range = map.rangeFor(cur.start, cur.end);
      // Highlighted piece by piece around what is not read (a reference marker), so the highlight is the unit.
      const pieces = map.rangesFor(cur.start, cur.end);
      h.showSentence(pieces);
      sentenceText = pieces.map((r) => r.toString()).join('');
      const timings = cur.durationMs ? estimateWordTimings(cur.text, cur.durationMs, v.lang) : null;
      shownUnit = { key, map, start: cur.start, timings, startedAt: cur.startedAt };
      if (v.settings.autoScroll) {
        scroller ??= (options.createScroller ?? createAutoScroller)(win ? { window: win } : {});
        scroller.follow(range);
      }
      const rect = range.getBoundingClientRect();
      player?.setAvoidRect({ left: rect.left, top: rect.top, width: rect.width, height: rect.height });
    }
    // Pauses: the word stops with the audio and carries on from there.
    if (v.status === 'paused' && pausedSince === null) pausedSince = now();
    if (v.status !== 'paused' && pausedSince !== null) {
      pausedTotal += now() - pausedSince;
      pausedSince = null;
    }
    if (v.settings.granularity === 'word' && shownUnit.timings) {
      updateWord();
      if (pausedSince === null) runFrames();
    } else {
      stopFrames();
      word = null;
      wordText = null;
    }
  }

  /** The player's state for a view: its progress, and the notice or error to show. */
  function playerState(v: PageView) {
    return {
      status: v.status,
      index: v.index,
      total: v.total,
      rate: v.rate,
      remainingMs: remainingNow(),
      volume: v.settings.volume,
      ...(v.message ? { message: v.message } : {}),
    };
  }

  function showPlayer(v: PageView): void {
    // An error is shown where the user is even with the player turned off: otherwise the reading just stops.
    const failed = v.status === 'error' && v.message !== undefined;
    if (failed && v.sessionId === dismissedError) return;
    if (!v.settings.showPlayer && !failed) {
      player?.destroy();
      player = null;
      return;
    }
    player ??= (options.mountPlayer ?? mountMiniPlayer)({
      document: doc,
      shadowMode: options.shadowMode ?? 'closed',
      onAction: (action) => {
        if (action === 'dismiss') {
          dismissedError = view?.sessionId ?? null;
          player?.destroy();
          player = null;
        }
        options.onAction({ kind: 'player', action });
      },
      onSeek: (target) => options.onAction({ kind: 'seek', target }),
      onVolume: (volume) => options.onAction({ kind: 'volume', volume }),
      ...(options.loadShortcuts ? { loadShortcuts: options.loadShortcuts } : {}),
    });
    player.update(playerState(v));
  }

  function showOffer(v: PageView): void {
    const key = v.offer ? `${v.sessionId}:${v.offer.index}` : null;
    if (!v.offer || key === dismissedOffer) {
      offer?.destroy();
      offer = null;
      return;
    }
    if (offer?.key === key) return;
    offer?.destroy();
    const index = v.offer.index;
    offer = showResumeOffer({
      document: doc,
      key: key!,
      firstWords: v.offer.firstWords,
      shadowMode: options.shadowMode ?? 'closed',
      onAccept: () => {
        dismissedOffer = key;
        offer?.destroy();
        offer = null;
        options.onAction({ kind: 'continue', index });
      },
      onDismiss: () => {
        dismissedOffer = key;
        offer?.destroy();
        offer = null;
      },
    });
  }

  function teardown(keepPlayer = false): void {
    clearHighlight();
    highlighter?.destroy();
    highlighter = null;
    scroller?.destroy();
    scroller = null;
    if (!keepPlayer) {
      player?.destroy();
      player = null;
    }
    offer?.destroy();
    offer = null;
    if (tick !== undefined) clearInterval(tick);
    tick = undefined;
  }

  return {
    setBlocks(id, next) {
      extractionId = id;
      maps = next;
    },
    show(next) {
      if (view && next.seq < view.seq) return; // an older snapshot overtaken by a newer one
      view = next;
      if (FINISHED_STATUSES.includes(next.status)) {
        // A reading that failed keeps its player, now showing the error and what to do, until it is closed.
        const failed = next.status === 'error' && next.message !== undefined;
        teardown(failed);
        if (failed) showPlayer(next);
        emit();
        return;
      }
      // The player first, so that the first sentence already moves it out of the way.
      showPlayer(next);
      showUnit(next);
      showOffer(next);
      if (next.status === 'playing' && tick === undefined) {
        tick = setInterval(() => {
          if (view?.status !== 'playing') return;
          player?.update(playerState(view));
          emit();
        }, TICK_MS);
      } else if (next.status !== 'playing' && tick !== undefined) {
        clearInterval(tick);
        tick = undefined;
      }
      emit();
    },
    focusPlayer() {
      player?.focus();
    },
    snapshot,
    destroy() {
      teardown();
      view = null;
    },
  };
}
