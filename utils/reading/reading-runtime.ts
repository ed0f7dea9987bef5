// The service worker's reading runtime: one scheduler wired to the real VocaliD client, the IndexedDB audio
// cache, storage.session and the offscreen player; and `read`, the one function that the context menu, the
// keyboard command, the popup and the test API all call.
import { i18n } from '../i18n/i18n';
import { browser } from 'wxt/browser';
import { createAudioCache, type AudioCache } from '../cache/audio-cache';
import { createAudioStreamStore } from '../cache/audio-stream-store';
import { cacheKey } from '../cache/cache-key';
import type {
  MoreBlocksOutcome,
  MoreBlocksRequest,
  ResumeOffer,
  SeekTarget,
  StartReadingRequest,
} from '../messages/background-protocol';
import type { PlaybackEvent } from '../messages/offscreen-protocol';
import { pageMessenger } from '../messages/page-protocol';
import type { Settings } from '../settings/settings-schema';
import { createSettingsSnapshot, getSettings, updateSettings } from '../settings/settings-store';
import { settingsForPage } from '../presets/resolve-preset';
import type { CheckOptions, ConsentRequest, GateResult } from '../privacy/consent-gate';
import { createVocalidClient, type VoiceInfo } from '../vocalid/vocalid-client';
import type { Pacing } from './pacing';
import { productPacing } from './product-pacing';
import { READING_RETRY } from './reading-retry';
import { createAlarmKeeper } from './reading-alarm';
import { cachedAudioDurationMs } from '../audio-codec/compressed-entry';
import { repairWavSizes } from '../playback/wav-repair';
import { createOffscreenPlayerPort } from './offscreen-player-port';
import { ExtractionError, extractFromTab } from './page-extraction';
import { OPENED_IN_READER } from '../pdf/open-in-reader';
import { createPageNotifier } from './page-notifier';
import { createErrorBadge } from './error-badge';
import { stepSpeed } from '../settings/speed-steps';
import { createPositionTracker, getPosition } from './reading-positions';
import { startingOffer } from './resume-offer-position';
import { buildUnits, createSessionReadingStore, type ReadingStore } from './reading-session';
import { firstUnitOfSentence, seekTarget } from './seek-target';
import { isActive, type ReadingError, type ReadingParams, type ReadingState } from './reading-state';
import { noTabError, noTextError, retryNotice, toReadingError } from './reading-errors';
import type { StartRequest } from './reading-transitions';
import { SynthesisScheduler, type PlayerPort } from './synthesis-scheduler';
import {
  fetchAndCacheVoices,
  loadCachedVoices,
  NoVoiceError,
  resolveReadingParams,
  streamableVoices,
} from './voice-resolver';

/** The first-run page (entrypoints/welcome/): opened on install and by "Connect your VocaliD account". */
export const WELCOME_PATH = '/welcome.html';

/** What to read: the popup's startReading request without the tab, which `read` takes on its own. */
export type ReadOptions = Omit<StartReadingRequest, 'tabId'>;

/** The page script follows every saved state (highlight, player), and the page's position is kept. */
function followingStore(store: ReadingStore, onSaved: (state: ReadingState) => void): ReadingStore {
  return {
    load: () => store.load(),
    async save(state) {
      await store.save(state);
      onSaved(state);
    },
  };
}

export type ReadingRuntime = ReturnType<typeof createReadingRuntime>;

export interface ReadingRuntimeOptions {
  /** Asks (or recalls) whether this page's text may be sent; undefined sends without asking (unit tests). */
  checkConsent?: (request: ConsentRequest, options?: CheckOptions) => Promise<GateResult>;
  /** Test builds only: the pacing the test API installed (the benchmark's baseline); undefined → the product's. */
  pacing?: () => Pacing | undefined;
  /** The player (utils/reading/player-port.ts picks it per browser); undefined → the offscreen document. */
  player?: PlayerPort;
}

const untilBlock = (block: number | undefined) => (block === undefined ? {} : { untilBlock: block });

export function createReadingRuntime(runtimeOptions: ReadingRuntimeOptions = {}) {
  // Synthesis for a reading outlasts a short outage of the server (utils/reading/reading-retry.ts).
  const client = createVocalidClient({ retry: READING_RETRY });
  let cache: AudioCache | undefined;
  // What the reading needs per unit (server, prefetch budget, page display) comes from this snapshot: read again
  // when a reading starts, kept current by one watch. A smaller cache cap in Options applies at once.
  const settings = createSettingsSnapshot((changed) => {
    void cache?.setCap(changed.cacheCapMB * 1024 * 1024);
  });
  const audioCache = async (): Promise<AudioCache> =>
    (cache ??= createAudioCache({
      capBytes: (await settings.get()).cacheCapMB * 1024 * 1024,
      inUse: (): string[] => scheduler.neededAudio(),
    }));

  const notifier = createPageNotifier({
    send: (tabId, view) => pageMessenger.sendMessage('page:view', view, tabId),
    settings: async () => {
      const s = await settings.get();
      return {
        granularity: s.highlightGranularity,
        sentenceColor: s.highlightSentenceColor,
        wordColor: s.highlightWordColor,
        showPlayer: s.showMiniPlayer,
        autoScroll: s.autoScroll,
        paragraphButtons: s.paragraphPlayButtons,
        volume: s.volume,
      };
    },
  });
  const positions = createPositionTracker();
  const alarmKeeper = createAlarmKeeper();
  // Firefox's MV2 build has browserAction where Chrome's MV3 has action; both take the same calls.
  const toolbar = () =>
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const badge = createErrorBadge({
    setText: (text) => toolbar().setBadgeText({ text }),
    setColor: (color) => toolbar().setBadgeBackgroundColor({ color }),
    setTitle: (title) => toolbar().setTitle({ title }),
  });
  const pacing = () => runtimeOptions.pacing?.() ?? productPacing;
  /** The privacy question of the reading being prepared, if one is open. */
  let consentQuestion: AbortController | undefined;

  const scheduler = new SynthesisScheduler({
    store: followingStore(createSessionReadingStore(), (state) => {
      notifier.onSaved(state);
      positions.onSaved(state);
      alarmKeeper.onSaved(state);
      badge.onSaved(state);
    }),
    player: runtimeOptions.player ?? createOffscreenPlayerPort(),
    cache: {
      lookup: async (key) => {
        const cached = await audioCache();
        const meta = await cached.lookup(key);
        if (!meta) return undefined;
        if (meta.durationMs !== undefined) return { durationMs: meta.durationMs };
        // Stored without its duration (before durations were kept): read it from the audio once.
        const entry = await cached.get(key);
        return entry ? { durationMs: cachedAudioDurationMs(entry.bytes) } : undefined;
      },
      put: async (key, bytes, meta) => (await audioCache()).put(key, bytes, meta),
    },
    cacheKeyFor: async (text: string, params: ReadingParams) => {
      const { baseUrl } = await settings.get();
      return cacheKey({
        baseUrl,
        voiceToken: params.voiceToken,
        pitch: params.pitch,
        rate: params.rate,
        sampleRate: params.sampleRate,
        text,
      });
    },
    synthesize: (text, params, signal, onRetry, onSent) =>
      client
        .synthesize(
          {
            script: text,
            downloadToken: params.voiceToken,
            pitch: params.pitch,
            rate: params.rate,
            sampleRate: params.sampleRate as Settings['sampleRate'],
          },
          { signal, ...(onRetry ? { onRetry } : {}), ...(onSent ? { onSent } : {}) },
        )
        .then(repairWavSizes),
    synthesizeStream: (text, params, options) =>
      client.synthesizeStream(
        {
          script: text,
          downloadToken: params.voiceToken,
          pitch: params.pitch,
          rate: params.rate,
          sampleRate: params.sampleRate as Settings['sampleRate'],
        },
        options,
      ),
    streamStore: createAudioStreamStore(),
    settings: settings.get,
    pacing,
  });

  const listVoicesFromServer = () => client.listVoices();

  async function activeTabId(): Promise<number | undefined> {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  }

  function readingErrorOf(err: unknown): ReadingError {
    if (err instanceof ExtractionError || err instanceof NoVoiceError) return err.readingError;
    return toReadingError(err);
  }

  /** What a reading starts with, or why it cannot start. */
  type Prepared = { ok: true; request: StartRequest } | { ok: false; error: ReadingError };

  /**
   * Everything before the first request: the page's text, the voice, the units, the stored position, the privacy
   * answer. Runs while the reading shows "extracting"; sends nothing of the page.
   */
  async function prepare(
    sessionId: string,
    target: number,
    pageUrl: Promise<string | undefined>,
    options: ReadOptions,
  ): Promise<Prepared> {
    // Voice resolution runs alongside extraction so that neither waits for the other. The site's preset
    // replaces the voice parameters.
    const settingsPromise = Promise.all([settings.refresh(), pageUrl]).then(([s, url]) => settingsForPage(s, url));
    // Continuing from a stored position: a document still being extracted (a long PDF) answers once it has the
    // position's block, so the reading starts there rather than at the part extracted so far; a long page's first
    // part reaches past it.
    const resumeFrom = options.resume
      ? pageUrl.then((url) => (url ? getPosition(url).catch(() => null) : null))
      : Promise.resolve(null);
    const [extracted, params, pageSettings] = await Promise.all([
      resumeFrom.then((position) =>
        extractFromTab(target, options.source, {
          ...(options.fromHere ? { fromHere: true } : {}),
          // The block the reading starts at must be in the answer, not in a long page's later part.
          ...untilBlock(position?.block ?? options.fromBlock),
        }),
      ),
      // With no voice list kept yet the reading waits for one: say so while the server is retried.
      settingsPromise.then((s) =>
        resolveReadingParams(s, () =>
          client.listVoices({ onRetry: (err) => void scheduler.notice(sessionId, retryNotice(err)) }),
        ),
      ),
      settingsPromise,
    ]);
    const url = (await pageUrl) ?? extracted.url;
    const stored = extracted.source === 'selection' ? null : await getPosition(url).catch(() => null);
    const resumeAt = options.resume && stored ? { fromBlock: stored.block, fromOffset: stored.start } : {};
    const fromBlock = options.fromBlock ?? extracted.startBlock;
    const units = buildUnits(extracted, {
      sentencePauseMs: pageSettings.sentencePauseMs,
      paragraphPauseMs: pageSettings.paragraphPauseMs,
      rate: params.rate,
      pacing: pacing(),
      ...(fromBlock !== undefined ? { fromBlock } : {}),
      ...resumeAt,
    });
    if (units.length === 0) return { ok: false, error: noTextError() };
    // Reading a page from its start when it was left half-way last time: offer to continue there (once its block is
    // extracted, for a long PDF whose later pages are still to come).
    const offer =
      stored && !options.resume && fromBlock === undefined ? startingOffer(units, stored, extracted.more === true) : {};
    if (runtimeOptions.checkConsent) {
      // Nothing of the page has been sent yet: ask before the first synthesis request.
      const chars = units.reduce((n, u) => n + u.text.length, extracted.moreChars ?? 0);
      // Stop, or a newer reading, closes the question: nothing of this page is sent after either.
      const asking = new AbortController();
      consentQuestion?.abort();
      consentQuestion = asking;
      const verdict = await runtimeOptions
        .checkConsent(
          { url, chars, baseUrl: pageSettings.baseUrl },
          {
            signal: asking.signal,
            onAsk: () => void scheduler.notice(sessionId, i18n.t('reading.status.waitingForPrivacyAnswer')),
          },
        )
        .finally(() => {
          if (consentQuestion === asking) consentQuestion = undefined;
        });
      if (!verdict.ok)
        return { ok: false, error: { code: verdict.code, message: verdict.message, action: verdict.action } };
    }
    const request: StartRequest = {
      sessionId,
      tabId: target,
      title: extracted.title,
      lang: extracted.lang,
      url,
      units,
      params,
      extractionId: extracted.extractionId,
      source: extracted.source,
      ...offer,
      ...(extracted.more ? { moreToCome: true } : {}),
    };
    return { ok: true, request };
  }

  /** The one way to start a reading: prepare it (extracting), then start it or end it with the reason it cannot. */
  async function read(tabId: number | undefined, options: ReadOptions): Promise<ReadingState> {
    const triggeredAt = Date.now();
    consentQuestion?.abort();
    const target = tabId ?? (await activeTabId());
    const sessionId = crypto.randomUUID();
    const previous = await scheduler.getState();
    // The tab's address as the browser knows it, not as the page reports it.
    const pageUrl =
      target === undefined
        ? Promise.resolve(undefined)
        : browser.tabs.get(target).then(
            (t) => t.url ?? t.pendingUrl,
            () => undefined,
          );
    void pageUrl.then((url) => {
      // The page read last time is read again: its first sentence is most likely cached, so nothing will wait for
      // the server and the player's document (40–70 ms to create) is the longest step; start it now. A new page
      // does not do this: the document's CPU would slow its extraction, and the server's round trip hides it anyway.
      if (url && url === previous.url) scheduler.warmPlayer();
    });
    await scheduler.begin({
      sessionId,
      tabId: target ?? null,
      status: 'extracting',
      units: [],
      params: previous.params,
      triggeredAt,
    });
    if (target === undefined) return scheduler.fail(sessionId, noTabError());
    const prepared = await prepare(sessionId, target, pageUrl, options).catch((err: unknown): Prepared => ({
      ok: false,
      error: readingErrorOf(err),
    }));
    if (!prepared.ok && prepared.error.code === OPENED_IN_READER) return scheduler.end(sessionId);
    if (!prepared.ok) return scheduler.fail(sessionId, prepared.error);
    return scheduler.start(prepared.request).catch((err: unknown) => scheduler.fail(sessionId, readingErrorOf(err)));
  }

  /** Blocks of the page or PDF read in tab `tabId` that were extracted after the reading started. */
  async function extendReading(tabId: number, more: MoreBlocksRequest): Promise<MoreBlocksOutcome> {
    const state = await scheduler.getState();
    if (state.tabId !== tabId || !isActive(state)) return 'over';
    if (state.status === 'extracting') return 'later';
    const page = settingsForPage(await settings.get(), state.url);
    const pauses = {
      sentencePauseMs: page.sentencePauseMs,
      paragraphPauseMs: page.paragraphPauseMs,
      rate: state.params.rate,
    };
    const units = buildUnits({ blocks: more.blocks, lang: state.lang ?? 'en' }, { ...pauses, pacing: pacing() });
    const joinPauseMs = pacing().pauseAfterMs({ ...pauses, endsParagraph: true, isLast: false });
    return scheduler.extend({
      tabId,
      extractionId: more.extractionId,
      units,
      joinPauseMs,
      ...(more.last ? { last: true } : {}),
    });
  }

  async function listVoices(refresh = false): Promise<VoiceInfo[]> {
    const { baseUrl } = await getSettings();
    const cached = refresh ? undefined : await loadCachedVoices(baseUrl);
    return streamableVoices(cached ?? (await fetchAndCacheVoices(baseUrl, listVoicesFromServer)));
  }

  async function setVoiceParams(patch: { voiceToken?: string; pitch?: number; rate?: number }): Promise<Settings> {
    const updated = await updateSettings(patch);
    settings.set(updated);
    await scheduler.updateParams({
      ...(patch.voiceToken !== undefined
        ? { voiceToken: patch.voiceToken || (await scheduler.getState()).params.voiceToken }
        : {}),
      ...(patch.pitch !== undefined ? { pitch: updated.pitch } : {}),
      ...(patch.rate !== undefined ? { rate: updated.rate } : {}),
    });
    return updated;
  }

  /** Next/previous sentence or paragraph (going back more than 3 s into a sentence restarts it), or a unit. */
  function seek(target: SeekTarget): Promise<ReadingState> {
    return scheduler.seek((s) =>
      'index' in target
        ? target.index
        : 'sentence' in target
          ? firstUnitOfSentence(s.units, target.sentence)
          : seekTarget(s, target.to, Date.now()),
    );
  }

  /** One step up or down the speed ladder from the speed being heard; applies from the current sentence. */
  async function stepRate(direction: 1 | -1): Promise<Settings> {
    const state = await scheduler.getState();
    const current = isActive(state) ? state.params.rate : (await getSettings()).rate;
    return setVoiceParams({ rate: stepSpeed(current, direction) });
  }

  /**
   * After a reading failed, from the popup or the page player: do what its error offers, on the failed reading's
   * tab ('act'), or close it ('dismiss'). Either clears the toolbar badge.
   */
  async function errorAction(choice: 'act' | 'dismiss'): Promise<ReadingState> {
    const state = await scheduler.getState();
    await badge.clear(state.sessionId ?? '');
    if (choice === 'dismiss' || state.status !== 'error') return state;
    // No tab (the error said so): the active tab.
    const tabId = state.tabId ?? undefined;
    switch (state.error?.action) {
      case 'retry':
        // Carry on from the sentence that failed rather than from the top of the page.
        return read(tabId, { source: 'auto', resume: true });
      case 'read-page':
        // No article found: the listener chose to hear the whole page.
        return read(tabId, { source: 'page' });
      default:
        // "Connect your VocaliD account" leads to the welcome page's sign-in; every other action to Options.
        if (state.error?.action === 'connect') await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) });
        else await browser.runtime.openOptionsPage();
        return state;
    }
  }

  /** The stored position on a tab's page, for the popup, when nothing is being read. */
  async function resumeOffer(tabId: number | undefined): Promise<ResumeOffer | null> {
    if (isActive(await scheduler.getState())) return null;
    const target = tabId ?? (await activeTabId());
    if (target === undefined) return null;
    const tab = await browser.tabs.get(target).catch(() => undefined);
    const url = tab?.url ?? tab?.pendingUrl;
    const stored = url ? await getPosition(url) : null;
    return stored ? { firstWords: stored.firstWords } : null;
  }

  return {
    read,
    extendReading,
    seek,
    stepRate,
    errorAction,
    resumeOffer,
    listVoices,
    setVoiceParams,
    /** A playback event from the offscreen player (the background checks the sender). */
    onPlaybackEvent: (event: PlaybackEvent) => scheduler.onPlaybackEvent(event),
    /** A worker (re)started, the alarm fired or the player was found closed: carry on from the stored state. */
    resumeAfterRestart: () => scheduler.resumeAfterRestart(),
    clearCache: async () => (await audioCache()).clear(),
    cacheStats: async () => (await audioCache()).stats(),
    stop: () => {
      consentQuestion?.abort();
      return scheduler.stop();
    },
    pause: () => scheduler.pause(),
    resume: () => scheduler.resume(),
    togglePause: () => scheduler.togglePause(),
    state: () => scheduler.getState(),
  };
}
