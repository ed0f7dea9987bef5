// The account's voice list as last fetched, for the server it came from: the one module that writes it. The
// reading runtime picks a voice from it without a request, and Options shows the library from it offline; a
// fresh voices/list replaces it whenever one is fetched.
import { voiceListItem, type StoredVoiceList } from '../storage/stored-items';
import type { VoiceInfo } from './vocalid-client';

export type { StoredVoiceList } from '../storage/stored-items';

export async function loadVoiceList(baseUrl: string): Promise<StoredVoiceList | undefined> {
  const stored = await voiceListItem.getValue();
  return stored && stored.baseUrl === baseUrl && Array.isArray(stored.voices) ? stored : undefined;
}

export async function saveVoiceList(baseUrl: string, voices: VoiceInfo[], now = Date.now()): Promise<StoredVoiceList> {
  const stored: StoredVoiceList = { baseUrl, fetchedAt: now, voices };
  await voiceListItem.setValue(stored);
  return stored;
}

export async function clearVoiceList(): Promise<void> {
  await voiceListItem.removeValue();
}

/** Calls `cb` whenever any context stores a new list (or clears it). Returns the function that stops it. */
export function watchVoiceList(cb: () => void): () => void {
  return voiceListItem.watch(() => cb());
}
