// The voice studio's record on this device: which VocaliD account the takes go to (for which server), when the
// speaker agreed, and the voice build being followed. Written by the service worker only; its takes live in the
// take store (take-store.ts).
import { voiceStudioItem } from '../storage/stored-items';
import type { BuildStatusCode } from '../vocalid/voice-build-api';

export interface StudioBuild {
  buildId: string;
  status: BuildStatusCode;
  voiceId?: string;
  /** The built voice's token for synthesis, once it is in the voice list. */
  voiceToken?: string;
  voiceName?: string;
  requestedAt: number;
  /** The "your voice is ready" notification was shown. */
  notified?: boolean;
  error?: string;
}

export interface StudioAccount {
  baseUrl: string;
  accountId: string;
  consentedAt: number;
  build?: StudioBuild;
}

function isStudioAccount(value: unknown): value is StudioAccount {
  const v = value as Partial<StudioAccount> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.baseUrl === 'string' &&
    typeof v.accountId === 'string' &&
    typeof v.consentedAt === 'number'
  );
}

/** The account for this server; an account of another server (the address changed) is not this one's. */
export async function loadStudioAccount(baseUrl: string): Promise<StudioAccount | undefined> {
  const value = await voiceStudioItem.getValue();
  return isStudioAccount(value) && value.baseUrl === baseUrl ? value : undefined;
}

export async function saveStudioAccount(account: StudioAccount): Promise<void> {
  await voiceStudioItem.setValue(account);
}

export async function clearStudioAccount(): Promise<void> {
  await voiceStudioItem.removeValue();
}
