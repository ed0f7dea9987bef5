// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { MiniPlayerAction, MiniPlayerState, Rect } from '../../components/mini-player/mini-player-types';
import type { MiniPlayerHandle, MountMiniPlayerOptions } from '../../components/mini-player/mount-mini-player';
import { buildBlockTextMap } from '../../utils/page-text/block-text-map';
import type { PageHighlighter, PageHighlighterOptions } from '../../utils/highlight/page-highlighter';
import { createFollowAlong, type PageAction } from '../../entrypoints/page-script/follow-along';
import type { PageView } from '../../utils/reading/page-view';
import { simulateTrustedInput } from '../dom/trusted-input';

simulateTrustedInput(); // the events these tests dispatch stand for the user's input

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

interface Fakes {
  sentences: (string | null)[];
  words: (string | null)[];
  cleared: number;
  destroyedHighlighter: boolean;
  playerStates: MiniPlayerState[];
  avoidRects: (Rect | null)[];
  playerDestroyed: boolean;
  playerAction?: (a: MiniPlayerAction) => void;
  followed: number;
  actions: PageAction[];
}

function setup() {
  let clock = 1_000_000;
  const fakes: Fakes = {
    sentences: [],
    words: [],
    cleared: 0,
    destroyedHighlighter: false,
    playerStates: [],
    avoidRects: [],
    playerDestroyed: false,
    followed: 0,
    actions: [],
  };
  const highlighter = (_o: PageHighlighterOptions): PageHighlighter => ({
    showSentence: (r) => fakes.sentences.push(r ? r.toString() : null),
    showWord: (r) => fakes.words.push(r ? r.toString() : null),
    setGranularity: () => undefined,
    setColors: () => undefined,
    clear: () => void fakes.cleared++,
    destroy: () => void (fakes.destroyedHighlighter = true),
  });
  const mountPlayer = (o: MountMiniPlayerOptions): MiniPlayerHandle => {
    fakes.playerAction = o.onAction;
    const host = document.createElement('div');
    return {
      update: (s) => void fakes.playerStates.push(s),
      setAvoidRect: (r) => void fakes.avoidRects.push(r),
      focus: () => undefined,
      destroy: () => void (fakes.playerDestroyed = true),
      host,
      shadowRoot: host.attachShadow({ mode: 'open' }),
    };
  };
  const follow = createFollowAlong({
    document,
    onAction: (a) => fakes.actions.push(a),
    shadowMode: 'open',
    now: () => clock,
    createHighlighter: highlighter,
    createScroller: () => ({
      follow: () => (fakes.followed++, true),
      isBackingOff: () => false,
      destroy: () => undefined,
    }),
    mountPlayer,
  });
  return { follow, fakes, advance: (ms: number) => void (clock += ms), now: () => clock };
}

const settings = {
  granularity: 'word' as const,
  sentenceColor: '#ff0',
  wordColor: '#fa0',
  showPlayer: true,
  paragraphButtons: false,
  volume: 1,
  autoScroll: true,
};

let seq = 0;
function view(patch: Partial<PageView> = {}): PageView {
  return {
    seq: ++seq,
    sessionId: 's1',
    extractionId: 'x1',
    status: 'playing',
    index: 1,
    total: 3,
    rate: 1,
    remainingMs: 60_000,
    at: 0,
    lang: 'en',
    current: null,
    settings,
    ...patch,
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('follow along', () => {
  it('highlights exactly the unit being played, across inline markup, and keeps it out of the player’s way', () => {
    setBody('<p id="a">We left <b>at dawn</b>. The path was wet.</p><p id="b">Birds sang. A fox ran.</p>');
    const { follow, fakes, now } = setup();
    follow.setBlocks('x1', [
      buildBlockTextMap(document.getElementById('a')!),
      buildBlockTextMap(document.getElementById('b')!),
    ]);

    // "We left at dawn. The path was wet." — the second sentence is characters 17–34 of block 0.
    follow.show(
      view({
        current: {
          index: 1,
          block: 0,
          start: 17,
          end: 34,
          text: 'The path was wet.',
          startedAt: now(),
          durationMs: 2000,
        },
      }),
    );
    expect(fakes.sentences).toEqual(['The path was wet.']);
    expect(follow.snapshot().sentence).toBe('The path was wet.');
    expect(fakes.avoidRects).toHaveLength(1);
    expect(fakes.followed).toBe(1);

    // "Birds sang. A fox ran." — "A fox ran." is characters 12–22 of block 1.
    follow.show(
      view({
        index: 2,
        current: { index: 2, block: 1, start: 12, end: 22, text: 'A fox ran.', startedAt: now(), durationMs: 1500 },
      }),
    );
    expect(fakes.sentences).toEqual(['The path was wet.', 'A fox ran.']);

    // A unit that starts at a bold element boundary still maps exactly.
    follow.show(
      view({
        index: 0,
        current: {
          index: 0,
          block: 0,
          start: 0,
          end: 16,
          text: 'We left at dawn.',
          startedAt: now() + 1,
          durationMs: 1500,
        },
      }),
    );
    expect(fakes.sentences.at(-1)).toBe('We left at dawn.');
    follow.destroy();
  });

  it('moves the estimated word forward through the sentence and stops it while paused', () => {
    setBody('<p id="a">Seven quiet words were spoken here today.</p>');
    const { follow, fakes, advance, now } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    const startedAt = now();
    const current = {
      index: 0,
      block: 0,
      start: 0,
      end: 41,
      text: 'Seven quiet words were spoken here today.',
      startedAt,
      durationMs: 3500,
    };

    follow.show(view({ current }));
    expect(follow.snapshot().word).toBe('Seven');
    const seen: string[] = [];
    for (let t = 0; t < 7; t++) {
      advance(500);
      follow.show(view({ current }));
      seen.push(follow.snapshot().word!);
    }
    const order = 'Seven quiet words were spoken here today'.split(' ');
    const positions = seen.map((w) => order.indexOf(w));
    expect(positions.every((p) => p >= 0)).toBe(true);
    for (let i = 1; i < positions.length; i++) expect(positions[i]!).toBeGreaterThanOrEqual(positions[i - 1]!);
    expect(seen.at(-1)).toBe('today');
    expect(new Set(seen).size).toBeGreaterThan(3);

    // Restart the same sentence (a new start) and pause one second in: time paused does not move the word.
    const again = { ...current, startedAt: now() };
    follow.show(view({ current: again }));
    advance(1000);
    follow.show(view({ status: 'paused', current: again }));
    const atPause = follow.snapshot().word;
    advance(10_000);
    follow.show(view({ status: 'paused', current: again }));
    expect(follow.snapshot().word).toBe(atPause);
    follow.show(view({ status: 'playing', current: again }));
    expect(follow.snapshot().word).toBe(atPause);
    expect(atPause).not.toBe('today');
    follow.destroy();
    expect(fakes.words.length).toBeGreaterThan(0);
  });

  it('ignores a snapshot older than the one shown, and blocks of another extraction', () => {
    setBody('<p id="a">One. Two.</p>');
    const { follow, fakes, now } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    const newer = view({
      current: { index: 1, block: 0, start: 5, end: 9, text: 'Two.', startedAt: now(), durationMs: 500 },
    });
    const older = {
      ...view({ current: { index: 0, block: 0, start: 0, end: 4, text: 'One.', startedAt: now(), durationMs: 500 } }),
      seq: newer.seq - 1,
    };
    follow.show(newer);
    follow.show(older);
    expect(follow.snapshot().sentence).toBe('Two.');

    follow.show(
      view({
        extractionId: 'other',
        current: { index: 0, block: 0, start: 0, end: 4, text: 'One.', startedAt: now() + 5, durationMs: 500 },
      }),
    );
    expect(follow.snapshot().sentence).toBeNull();
    expect(fakes.cleared).toBeGreaterThan(0);
    follow.destroy();
  });

  it('removes highlight and player when reading ends, and forwards the player’s buttons', () => {
    setBody('<p id="a">One. Two.</p>');
    const { follow, fakes, now } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    follow.show(
      view({ current: { index: 0, block: 0, start: 0, end: 4, text: 'One.', startedAt: now(), durationMs: 500 } }),
    );
    expect(fakes.playerStates.at(-1)).toMatchObject({ status: 'playing', index: 1, total: 3, rate: 1 });
    fakes.playerAction!('next-sentence');
    fakes.playerAction!('faster');
    expect(fakes.actions).toEqual([
      { kind: 'player', action: 'next-sentence' },
      { kind: 'player', action: 'faster' },
    ]);

    follow.show(view({ status: 'stopped', current: null }));
    expect(fakes.destroyedHighlighter).toBe(true);
    expect(fakes.playerDestroyed).toBe(true);
    expect(follow.snapshot()).toEqual({
      sentence: null,
      word: null,
      wordStart: null,
      remainingMs: null,
      unitIndex: null,
    });
  });

  it('a failed reading keeps its player showing the error, even with the player off, until it is closed', () => {
    setBody('<p id="a">One. Two.</p>');
    const { follow, fakes, now } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    follow.show(
      view({
        current: { index: 0, block: 0, start: 0, end: 4, text: 'One.', startedAt: now(), durationMs: 500 },
        message: { kind: 'notice', text: "Can't reach the VocaliD server right now. Still trying…" },
      }),
    );
    expect(fakes.playerStates.at(-1)?.message?.kind).toBe('notice');
    const error = { kind: 'error' as const, text: "Can't reach the VocaliD server.", action: 'retry' };
    follow.show(view({ status: 'error', current: null, message: error, settings: { ...settings, showPlayer: false } }));
    // The highlight goes (nothing is being read); the player stays, now the error.
    expect(fakes.destroyedHighlighter).toBe(true);
    expect(fakes.playerDestroyed).toBe(false);
    expect(fakes.playerStates.at(-1)).toMatchObject({ status: 'error', message: error });
    fakes.playerAction!('error-action');
    expect(fakes.actions.at(-1)).toEqual({ kind: 'player', action: 'error-action' });
    fakes.playerAction!('dismiss');
    expect(fakes.playerDestroyed).toBe(true);
    expect(fakes.actions.at(-1)).toEqual({ kind: 'player', action: 'dismiss' });
    // A later snapshot of the same failed reading does not bring it back.
    const shown = fakes.playerStates.length;
    follow.show(view({ status: 'error', current: null, message: error }));
    expect(fakes.playerStates).toHaveLength(shown);
  });

  it('counts the time left down between snapshots while playing', () => {
    setBody('<p id="a">One. Two.</p>');
    const { follow, advance, now } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    follow.show(
      view({
        at: now(),
        remainingMs: 30_000,
        current: { index: 0, block: 0, start: 0, end: 4, text: 'One.', startedAt: now(), durationMs: 500 },
      }),
    );
    expect(follow.snapshot().remainingMs).toBe(30_000);
    advance(4000);
    expect(follow.snapshot().remainingMs).toBe(26_000);
    follow.destroy();
  });

  it('offers to continue from a stored position; accepting asks for that unit, and a dismissed offer stays away', () => {
    setBody('<p id="a">One. Two.</p>');
    const { follow, fakes } = setup();
    follow.setBlocks('x1', [buildBlockTextMap(document.getElementById('a')!)]);
    follow.show(view({ offer: { index: 7, firstWords: 'The fox crossed the road' } }));
    const offerRoot = () => (document.querySelector('vocalid-resume-offer') as HTMLElement | null)?.shadowRoot ?? null;
    expect(offerRoot()!.textContent).toContain('Continue from “The fox crossed the road”?');
    (offerRoot()!.querySelector('[data-action="continue"]') as HTMLButtonElement).click();
    expect(fakes.actions).toEqual([{ kind: 'continue', index: 7 }]);
    expect(offerRoot()).toBeNull();
    // The same offer in later snapshots is not shown again once answered.
    follow.show(view({ offer: { index: 7, firstWords: 'The fox crossed the road' } }));
    expect(offerRoot()).toBeNull();
    // A new offer (another session) is shown; dismissing it sends nothing.
    follow.show(view({ sessionId: 's2', offer: { index: 3, firstWords: 'Birds sang' } }));
    (offerRoot()!.querySelector('[data-action="dismiss"]') as HTMLButtonElement).click();
    expect(offerRoot()).toBeNull();
    expect(fakes.actions).toHaveLength(1);
    follow.destroy();
  });
});
