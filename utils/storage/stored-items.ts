// Every value the extension keeps in browser storage, declared once (WXT storage items,
// https://wxt.dev/storage.html): its area, its key and its stored shape. Modules read, write and watch values only
// through these items; each item has one owning module that checks what it reads (stored data may be old or
// hand-edited). Not here: the reading state, stored as one key per unit under dynamic keys
// (utils/reading/reading-session.ts); the test-build playback log (utils/instrumentation/playback-log.ts).
// Secrets and tokens are declared here like the rest, and read only by their stores: they never reach pages or logs.
import { storage } from 'wxt/utils/storage';
import type { VoiceInfo } from '../vocalid/vocalid-client';

/** The user's settings as stored: any version, migrated on read by utils/settings/settings-store.ts. */
export const settingsItem = storage.defineItem<unknown>('local:settings');

/** The last voices/list answer, for the server it came from (utils/vocalid/voice-list-store.ts). */
export interface StoredVoiceList {
  baseUrl: string;
  fetchedAt: number;
  voices: VoiceInfo[];
}
export const voiceListItem = storage.defineItem<StoredVoiceList>('local:voiceList');

/** Where each page was left, keyed by URL without its hash (utils/reading/reading-positions.ts). */
export const readingPositionsItem = storage.defineItem<unknown>('local:readingPositions');

/** The tabs the page script was injected into (utils/reading/injected-tabs.ts). */
export const injectedTabsItem = storage.defineItem<unknown>('session:pageScriptTabs');

/**
 * The secrets (client and API secret, refresh token, each with its server) in storage.local of this device only,
 * never storage.sync (utils/settings/secrets-store.ts). Absent and `{}` differ: `{}` is "signed out", which turns
 * off the dev builds' demo fallback.
 */
export const secretsItem = storage.defineItem<unknown>('local:secrets');

/** Which server dropped secrets were for, until Options has shown it (utils/settings/secrets-store.ts). */
export const secretsNoticeItem = storage.defineItem<unknown>('local:secretsNotice');

/**
 * The access token in storage.session: it survives service-worker restarts but not the browser session, and is
 * never written to disk the way storage.local is (utils/vocalid/token-store.ts).
 */
export const accessTokenItem = storage.defineItem<unknown>('session:vocalidAccessToken');

/** The voice studio's account and build on this device (utils/voice-studio/studio-account.ts). */
export const voiceStudioItem = storage.defineItem<unknown>('local:voiceStudio');
