// Messages received by the service worker (docs/architecture.md "background-protocol.ts").
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ReadingState } from '../reading/reading-state';
import type { Settings } from '../settings/settings-schema';
import type { VoiceInfo } from '../vocalid/vocalid-client';
import type { MathSpeechRequest, PlaybackEvent } from './offscreen-protocol';
import type { ExtractedBlock } from './page-protocol';
import type { StudioRegistration, StudioStatus } from '../voice-studio/studio-status';
import type { TakeSummary } from '../voice-studio/take-store';

export type ReadSource = 'auto' | 'selection' | 'article' | 'page';

export interface StartReadingRequest {
  tabId?: number;
  source: ReadSource;
  fromBlock?: number;
  /** Start at the element the user chose on the page (read from here). */
  fromHere?: boolean;
  /** Start at the position stored for this page (continue where the user stopped). */
  resume?: boolean;
}

/** By direction, to a unit (`index`), or to a sentence as the position slider counts them (seek-target.ts). */
export type SeekTarget =
  | { to: 'next-sentence' | 'prev-sentence' | 'next-paragraph' | 'prev-paragraph' }
  | { index: number }
  | { sentence: number };

export interface ResumeOffer {
  firstWords: string;
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
  /** Move the reading (popup, page player, keyboard commands). */
  seek(target: SeekTarget): ReadingState;
  /** One step faster (1) or slower (-1) on the speed ladder; applies from the current sentence. */
  stepRate(request: { direction: 1 | -1 }): Settings;
  /**
   * Popup or page player, after a reading failed: 'act' does what the error offers (try again, read the whole page,
   * sign in, open settings); 'dismiss' closes it (the toolbar badge goes).
   */
  errorAction(request: { choice: 'act' | 'dismiss' }): ReadingState;
  /** From the page script only: read its tab from the element the user chose there. */
  readFromHere(): ReadingState;
  /** Popup: the stored position on the tab's page, if any (and nothing is being read). */
  getResumeOffer(request: { tabId?: number }): ResumeOffer | null;
  /** Forget every stored reading position. */
  clearReadingPositions(): void;
  /** From the page script only: speech for the page's formulas (see offscreen-protocol.ts). */
  mathSpeech(request: MathSpeechRequest): (string | null)[];
  // Voice studio (utils/voice-studio/studio-service.ts): accepted from /voice-studio.html only.
  /** The account, takes and build as the worker knows them (asks account/info and build/status). */
  studioStatus(): StudioStatus;
  /** account/register after consent (asks for the `external_account` scope first). */
  studioRegister(registration: StudioRegistration): StudioStatus;
  /** Uploads a take the page stored in the take store; resolves when the server has answered (or it is queued). */
  studioUpload(request: { takeId: string }): TakeSummary | null;
  /** build/new (asks for the `voice_build` scope first); the build is then followed with an alarm. */
  studioBuild(): StudioStatus;
  /** Reads with the built voice from now on. */
  studioUseVoice(): StudioStatus;
  /** Forgets the account and every take on this device (the server keeps what it received). */
  studioClearProgress(): StudioStatus;
  /** From our PDF reader page only: read the PDF it shows, from its start or from the block the user chose. */
  readPdf(request: { fromBlock?: number }): ReadingState;
  /** Popup or page player: the playback volume, 0–1 (saved as a setting; the player's host applies it at once). */
  setVolume(request: { volume: number }): Settings;
  /** Page player: command name → its keys now, in aria-keyshortcuts form (pages cannot call commands.getAll). */
  getShortcuts(): Record<string, string>;
  /**
   * From our page script or PDF reader page only: blocks extracted after the reading of `extractionId` started (a
   * long page or PDF is read from its start while the rest is extracted). Blocks the reading already has are ignored,
   * so the page may send a block again. 'later': the reading is still being prepared, send again; 'over': it ended or
   * is another document's.
   */
  moreBlocks(request: MoreBlocksRequest): MoreBlocksOutcome;
}

export interface MoreBlocksRequest {
  extractionId: string;
  blocks: ExtractedBlock[];
  /** The document's extraction is finished: nothing follows these blocks. */
  last?: boolean;
}
export type MoreBlocksOutcome = 'added' | 'later' | 'over';

export const backgroundMessenger = defineExtensionMessaging<BackgroundProtocol>({ logger: undefined });
