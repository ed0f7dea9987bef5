// The voice list as Options shows it: the last copy from storage.local (so the library works offline), replaced
// by a fresh voices/list whenever one can be fetched. Same storage key and shape as the reading runtime's
// voice resolver, so both always agree on the account's voices.
import { browser } from 'wxt/browser';
import { VOICES_KEY } from '../reading/voice-resolver';
import type { VoiceInfo } from './vocalid-client';

export interface StoredVoiceList {
  baseUrl: string;
  fetchedAt: number;
  voices: VoiceInfo[];
}

export async function loadVoiceList(baseUrl: string): Promise<StoredVoiceList | undefined> {
  const stored = (await browser.storage.local.get(VOICES_KEY))[VOICES_KEY] as StoredVoiceList | undefined;
  return stored && stored.baseUrl === baseUrl && Array.isArray(stored.voices) ? stored : undefined;
}

export async function saveVoiceList(baseUrl: string, voices: VoiceInfo[], now = Date.now()): Promise<StoredVoiceList> {
  const stored: StoredVoiceList = { baseUrl, fetchedAt: now, voices };
  await browser.storage.local.set({ [VOICES_KEY]: stored });
  return stored;
}

export async function clearVoiceList(): Promise<void> {
  await browser.storage.local.remove(VOICES_KEY);
}
