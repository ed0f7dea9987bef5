// The service worker's reading runtime: one scheduler wired to the real VocaliD client, the IndexedDB audio
// cache, storage.session and the offscreen player; and `read`, the one function that the context menu, the
// keyboard command, the popup and the test API all call.
import { browser } from 'wxt/browser';
import { createAudioCache } from '../cache/audio-cache';
import { cacheKey } from '../cache/cache-key';
import type { ReadSource } from '../messages/background-protocol';
import type { Settings } from '../settings/settings-schema';
import { getSettings, updateSettings, watchSettings } from '../settings/settings-store';
import { createVocalidClient, type VoiceInfo } from '../vocalid/vocalid-client';
import { createOffscreenPlayerPort } from './offscreen-player-port';
import { ExtractionError, extractFromTab } from './page-extraction';
import { buildUnits, createSessionReadingStore } from './reading-session';
import type { ReadingError, ReadingParams, ReadingState } from './reading-state';
import { SynthesisScheduler, toReadingError } from './synthesis-scheduler';
import { fetchAndCacheVoices, loadCachedVoices, NoVoiceError, resolveReadingParams, streamableVoices } from './voice-resolver';

export interface ReadOptions {
  source: ReadSource;
  fromBlock?: number;
}

export type ReadingRuntime = ReturnType<typeof createReadingRuntime>;

export function createReadingRuntime() {
  const client = createVocalidClient();
  let cache: ReturnType<typeof createAudioCache> | undefined;
  const audioCache = async () => (cache ??= createAudioCache({ capBytes: (await getSettings()).cacheCapMB * 1024 * 1024 }));
  // A smaller cap in Options applies at once, not at the next worker start.
  watchSettings((settings) => {
    void cache?.setCap(settings.cacheCapMB * 1024 * 1024);
  });

  const scheduler = new SynthesisScheduler({
    store: createSessionReadingStore(),
    player: createOffscreenPlayerPort(),
    cache: {
      get: async (key) => (await audioCache()).get(key),
      put: async (key, bytes, meta) => (await audioCache()).put(key, bytes, meta),
    },
    cacheKeyFor: async (text: string, params: ReadingParams) => {
      const { baseUrl } = await getSettings();
      return cacheKey({ baseUrl, voiceToken: params.voiceToken, pitch: params.pitch, rate: params.rate, sampleRate: params.sampleRate, text });
    },
    synthesize: (text, params, signal) =>
      client.synthesize(
        { script: text, downloadToken: params.voiceToken, pitch: params.pitch, rate: params.rate, sampleRate: params.sampleRate as Settings['sampleRate'] },
        { signal },
      ),
    settings: getSettings,
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

  async function read(tabId: number | undefined, options: ReadOptions): Promise<ReadingState> {
    const triggeredAt = Date.now();
    const target = tabId ?? (await activeTabId());
    const sessionId = crypto.randomUUID();
    await scheduler.begin({ sessionId, tabId: target ?? null, status: 'extracting', units: [], params: (await scheduler.getState()).params, triggeredAt });
    if (target === undefined) return scheduler.fail(sessionId, { code: 'no_tab', message: 'There is no page to read. Open a page and try again.' });
    try {
      // Voice resolution runs alongside extraction so that neither waits for the other.
      const settingsPromise = getSettings();
      const [extracted, params, settings] = await Promise.all([
        extractFromTab(target, options.source),
        settingsPromise.then((s) => resolveReadingParams(s, listVoicesFromServer)),
        settingsPromise,
      ]);
      const mode = settings.schedulingMode;
      const units = buildUnits(extracted, {
        sentencePauseMs: settings.sentencePauseMs,
        paragraphPauseMs: settings.paragraphPauseMs,
        rate: params.rate,
        mode,
        ...(options.fromBlock !== undefined ? { fromBlock: options.fromBlock } : {}),
      });
      if (units.length === 0) return scheduler.fail(sessionId, { code: 'no_text', message: 'Found no text to read on this page.' });
      return await scheduler.start({ sessionId, tabId: target, title: extracted.title, lang: extracted.lang, url: extracted.url, units, params, mode });
    } catch (err) {
      return scheduler.fail(sessionId, readingErrorOf(err));
    }
  }

  async function listVoices(refresh = false): Promise<VoiceInfo[]> {
    const { baseUrl } = await getSettings();
    const cached = refresh ? undefined : await loadCachedVoices(baseUrl);
    return streamableVoices(cached ?? (await fetchAndCacheVoices(baseUrl, listVoicesFromServer)));
  }

  async function setVoiceParams(patch: { voiceToken?: string; pitch?: number; rate?: number }): Promise<Settings> {
    const settings = await updateSettings(patch);
    await scheduler.updateParams({
      ...(patch.voiceToken !== undefined ? { voiceToken: patch.voiceToken || (await scheduler.getState()).params.voiceToken } : {}),
      ...(patch.pitch !== undefined ? { pitch: settings.pitch } : {}),
      ...(patch.rate !== undefined ? { rate: settings.rate } : {}),
    });
    return settings;
  }

  return {
    scheduler,
    read,
    listVoices,
    setVoiceParams,
    audioCache,
    stop: () => scheduler.stop(),
    pause: () => scheduler.pause(),
    resume: () => scheduler.resume(),
    togglePause: () => scheduler.togglePause(),
    state: () => scheduler.getState(),
  };
}
