// Whether text from a page may be sent to the VocaliD server without asking: pure rules over the settings.
//  1. a deny-listed host (or a subdomain of one) is never sent, whatever else was answered;
//  2. a standing answer for the exact origin wins over one for the host on any port;
//  3. pages without a stable origin (about:, data:, extension pages) are never sent;
//  4. otherwise ask.
import { i18n } from '../i18n/i18n';
import type { Settings, SiteDecision } from '../settings/settings-schema';
import { hostMatches } from './host-pattern';
import { anyPortKeyOf, siteKeyOf } from './site-key';

export type ConsentVerdict =
  | { kind: 'allowed'; siteKey: string }
  | { kind: 'denied'; siteKey: string | null; reason: 'deny-list' | 'never' | 'no-origin' }
  | { kind: 'ask'; siteKey: string };

export function consentFor(
  settings: Pick<Settings, 'siteConsent' | 'denyList'>,
  url: string | undefined,
): ConsentVerdict {
  const siteKey = siteKeyOf(url);
  if (siteKey === null || !url) return { kind: 'denied', siteKey: null, reason: 'no-origin' };
  if (siteKey !== 'file://') {
    const hostname = new URL(url).hostname.toLowerCase();
    if (settings.denyList.some((pattern) => hostMatches(hostname, pattern)))
      return { kind: 'denied', siteKey, reason: 'deny-list' };
  }
  const anyPort = anyPortKeyOf(url);
  const decision: SiteDecision | undefined =
    settings.siteConsent[siteKey] ?? (anyPort ? settings.siteConsent[anyPort] : undefined);
  if (decision === 'always') return { kind: 'allowed', siteKey };
  if (decision === 'never') return { kind: 'denied', siteKey, reason: 'never' };
  return { kind: 'ask', siteKey };
}

/** What the user is told when reading stops because of a privacy answer. */
export function deniedMessage(verdict: Extract<ConsentVerdict, { kind: 'denied' }>): string {
  switch (verdict.reason) {
    case 'deny-list':
      return i18n.t('reading.privacy.onDenyList');
    case 'never':
      return i18n.t('reading.privacy.neverChangeInOptions');
    default:
      return i18n.t('reading.privacy.cannotReadPage');
  }
}
