// What the studio page is told by the service worker (docs/architecture.md, background-protocol.ts "Voice
// studio"): never a token, never audio.
import type { StudioBuild } from './studio-account';
import type { TakeSummary } from './take-store';

/**
 * OK takes an account needs before "Build my voice" (the API documents no number; our server's is 3,
 * server/docs/accounts-and-builds.md). A server that wants more says so when asked to build, and that is shown.
 */
export const MIN_OK_TAKES = 3;

export interface StudioStatus {
  authMethod: 'client_credentials' | 'hmac' | 'pkce';
  account: {
    accountId: string;
    consentedAt: number;
    /** From account/info; null when it could not be asked (offline). */
    sentencesRecorded: number | null;
  } | null;
  minTakes: number;
  takes: TakeSummary[];
  build: StudioBuild | null;
  /** Why account/info or build/status could not be read just now, in words. */
  problem?: string;
}

export interface StudioRegistration {
  gender: 'male' | 'female' | 'other';
  age: number;
}
