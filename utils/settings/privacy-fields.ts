// Field checks for the privacy part of the settings (version 2): the answers to "may text from this site be
// sent?" and the sites whose text is never sent.
import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';
import { InvalidHostError, normalizeHost } from '../privacy/host-pattern';
import { isSiteKey } from '../privacy/site-key';
import { SettingsValidationError } from './settings-error';

export type SiteDecision = 'always' | 'never';
export const SITE_DECISIONS: readonly SiteDecision[] = ['always', 'never'];
export const MAX_DENY_LIST = 500;

export function checkSiteConsent(value: unknown): Record<string, SiteDecision> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsValidationError('siteConsent', i18n.t('privacySettings.answersNotObject'));
  }
  const out: Record<string, SiteDecision> = {};
  for (const [site, decision] of Object.entries(value)) {
    const key = site.trim().toLowerCase();
    if (!isSiteKey(key))
      throw new SettingsValidationError('siteConsent', i18n.t('privacySettings.notSiteAddress', { site }));
    if (!SITE_DECISIONS.includes(decision as SiteDecision)) {
      throw new SettingsValidationError(
        'siteConsent',
        i18n.t('privacySettings.badAnswer', { site: key, value: String(decision) }),
      );
    }
    out[key] = decision as SiteDecision;
  }
  return out;
}

export function checkDenyList(value: unknown): string[] {
  if (!Array.isArray(value)) throw new SettingsValidationError('denyList', i18n.t('privacySettings.denyNotList'));
  if (value.length > MAX_DENY_LIST)
    throw new SettingsValidationError(
      'denyList',
      i18n.t('privacySettings.denyTooMany', { max: formatNumber(MAX_DENY_LIST) }),
    );
  const out = value.map((entry) => {
    try {
      return normalizeHost(entry as string);
    } catch (err) {
      if (err instanceof InvalidHostError) throw new SettingsValidationError('denyList', err.message);
      throw err;
    }
  });
  return [...new Set(out)];
}
