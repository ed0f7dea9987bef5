// Messages received by the service worker (docs/architecture.md "background-protocol.ts").
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ReadingState } from '../reading/reading-state';
import type { Settings } from '../settings/settings-schema';
import type { VoiceInfo } from '../vocalid/vocalid-client';
import type { PlaybackEvent } from './offscreen-protocol';

export type ReadSource = 'auto' | 'selection' | 'article';

export interface StartReadingRequest {
  tabId?: number;
  source: ReadSource;
  fromBlock?: number;
}

export interface BackgroundProtocol {
  startReading(request: StartReadingRequest): ReadingState;
  pause(): ReadingState;
  resume(): ReadingState;
  stop(): ReadingState;
  togglePause(): ReadingState;
  getState(): ReadingState;
  setVoiceParams(params: { voiceToken?: string; pitch?: number; rate?: number }): Settings;
  listVoices(request: { refresh?: boolean }): VoiceInfo[];
  playbackEvent(event: PlaybackEvent): void;
}

export const backgroundMessenger = defineExtensionMessaging<BackgroundProtocol>({ logger: undefined });
