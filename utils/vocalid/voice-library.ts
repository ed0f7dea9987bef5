// How each voice of `voices/list` is presented in the voice library: pure, so the rules (which voices can be
// chosen, which are flagged as expiring) are tested without a browser.
import { i18n } from '../i18n/i18n';
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
  if (v.can_stream) flags.push(i18n.t('options.voices.flags.canStream'));
  if (v.can_download) flags.push(i18n.t('options.voices.flags.canDownload'));
  if (expired) flags.push(i18n.t('options.voices.flags.expired'));
  else if (expiringSoon) flags.push(i18n.t('options.voices.flags.expiresSoon'));
  const disabledReason = !v.can_stream
    ? i18n.t('options.voices.cannotStream')
    : expired
      ? i18n.t('options.voices.hasExpired')
      : undefined;
  return {
    token: v.download_token,
    name: v.name || v.filename || v.voice_id || i18n.t('options.voices.unnamed'),
    model: v.model_name || i18n.t('options.voices.unknownModel'),
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
