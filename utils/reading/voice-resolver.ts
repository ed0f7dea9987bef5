// Which voice to read with, decided without delaying the first synthesis request: the voice chosen in settings,
// else the first streamable voice of the last known voice list (kept in storage.local), and only when neither
// exists a voices/list request.
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/settings-schema';
import type { VoiceInfo } from '../vocalid/vocalid-client';
import type { ReadingError, ReadingParams } from './reading-state';

export const VOICES_KEY = 'voiceList';

interface StoredVoices {
  baseUrl: string;
  fetchedAt: number;
  voices: VoiceInfo[];
}

export class NoVoiceError extends Error {
  readonly readingError: ReadingError = {
    code: 'no_voice',
    message: 'Your VocaliD account has no voice that can be used for reading yet. Pick or create a voice, then try again.',
    action: 'settings',
  };
}

export function streamableVoices(voices: VoiceInfo[], now = Date.now()): VoiceInfo[] {
  return voices.filter((v) => v.can_stream && (v.expiration === null || !(Date.parse(v.expiration) <= now)));
}

export async function loadCachedVoices(baseUrl: string): Promise<VoiceInfo[] | undefined> {
  const stored = (await browser.storage.local.get(VOICES_KEY))[VOICES_KEY] as StoredVoices | undefined;
  return stored && stored.baseUrl === baseUrl ? stored.voices : undefined;
}

export async function fetchAndCacheVoices(baseUrl: string, list: () => Promise<VoiceInfo[]>): Promise<VoiceInfo[]> {
  const voices = await list();
  const stored: StoredVoices = { baseUrl, fetchedAt: Date.now(), voices };
  await browser.storage.local.set({ [VOICES_KEY]: stored });
  return voices;
}

export async function resolveReadingParams(settings: Settings, list: () => Promise<VoiceInfo[]>): Promise<ReadingParams> {
  let voiceToken = settings.voiceToken;
  if (!voiceToken) {
    const cached = await loadCachedVoices(settings.baseUrl);
    voiceToken = (cached && streamableVoices(cached)[0]?.download_token) || '';
  }
  if (!voiceToken) {
    voiceToken = streamableVoices(await fetchAndCacheVoices(settings.baseUrl, list))[0]?.download_token ?? '';
  }
  if (!voiceToken) throw new NoVoiceError('no streamable voice');
  return { voiceToken, pitch: settings.pitch, rate: settings.rate, sampleRate: settings.sampleRate };
}
