// Which voice to read with, decided without delaying the first synthesis request: the voice chosen in settings,
// else the first streamable voice of the last known voice list (kept in storage.local), and only when neither
// exists a voices/list request.
import { i18n } from '../i18n/i18n';
import type { Settings } from '../settings/settings-schema';
import type { VoiceInfo } from '../vocalid/vocalid-client';
import { loadVoiceList, saveVoiceList } from '../vocalid/voice-list-store';
import type { ReadingError, ReadingParams } from './reading-state';

export class NoVoiceError extends Error {
  readonly readingError: ReadingError = {
    code: 'no_voice',
    message: i18n.t('reading.errors.noVoice'),
    action: 'settings',
  };
}

export function streamableVoices(voices: VoiceInfo[], now = Date.now()): VoiceInfo[] {
  return voices.filter((v) => v.can_stream && (v.expiration === null || !(Date.parse(v.expiration) <= now)));
}

export async function loadCachedVoices(baseUrl: string): Promise<VoiceInfo[] | undefined> {
  return (await loadVoiceList(baseUrl))?.voices;
}

export async function fetchAndCacheVoices(baseUrl: string, list: () => Promise<VoiceInfo[]>): Promise<VoiceInfo[]> {
  const voices = await list();
  await saveVoiceList(baseUrl, voices);
  return voices;
}

export async function resolveReadingParams(
  settings: Settings,
  list: () => Promise<VoiceInfo[]>,
): Promise<ReadingParams> {
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
