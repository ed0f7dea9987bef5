// How each voice of `voices/list` is presented in the voice library: pure, so the rules (which voices can be
// chosen, which are flagged as expiring) are tested without a browser.
import type { VoiceInfo } from './vocalid-client';

export const EXPIRING_SOON_MS = 14 * 24 * 3600 * 1000;

export interface VoiceRow {
  token: string;
  name: string;
  model: string;
  owner: 'Stock' | 'Personal';
  /** '' when the voice does not expire. */
  expires: string;
  expired: boolean;
  expiringSoon: boolean;
  /** Why it cannot be used for reading (and so cannot be chosen or previewed); undefined when it can. */
  disabledReason?: string;
  flags: string[];
  synthesisCount: number;
}

export function describeVoice(v: VoiceInfo, now = Date.now()): VoiceRow {
  const exp = v.expiration ? Date.parse(v.expiration) : Number.NaN;
  const hasExpiry = Number.isFinite(exp);
  const expired = hasExpiry && exp <= now;
  const expiringSoon = hasExpiry && !expired && exp - now <= EXPIRING_SOON_MS;
  const flags: string[] = [];
  if (v.can_stream) flags.push('Can stream');
  if (v.can_download) flags.push('Can download');
  if (expired) flags.push('Expired');
  else if (expiringSoon) flags.push('Expires soon');
  const disabledReason = !v.can_stream
    ? 'This voice cannot be streamed, so it cannot read pages.'
    : expired
      ? 'This voice has expired.'
      : undefined;
  return {
    token: v.download_token,
    name: v.name || v.filename || v.voice_id || 'Unnamed voice',
    model: v.model_name || 'Unknown model',
    // The API sets account_id only for voices built from an account's own recordings.
    owner: v.account_id ? 'Personal' : 'Stock',
    expires: hasExpiry ? new Date(exp).toISOString().slice(0, 10) : '',
    expired,
    expiringSoon,
    ...(disabledReason ? { disabledReason } : {}),
    flags,
    synthesisCount: v.synthesis_count,
  };
}
