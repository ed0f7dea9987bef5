// Field checks for the privacy part of the settings (version 2): the answers to "may text from this site be
// sent?" and the sites whose text is never sent.
import { InvalidHostError, normalizeHost } from '../privacy/host-pattern';
import { isSiteKey } from '../privacy/site-key';
import { SettingsValidationError } from './settings-error';

export type SiteDecision = 'always' | 'never';
export const SITE_DECISIONS: readonly SiteDecision[] = ['always', 'never'];
export const MAX_DENY_LIST = 500;

export function checkSiteConsent(value: unknown): Record<string, SiteDecision> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsValidationError('siteConsent', 'Site answers must be an object of site → "always" or "never".');
  }
  const out: Record<string, SiteDecision> = {};
  for (const [site, decision] of Object.entries(value)) {
    const key = site.trim().toLowerCase();
    if (!isSiteKey(key))
      throw new SettingsValidationError('siteConsent', `"${site}" is not a site address such as https://example.com.`);
    if (!SITE_DECISIONS.includes(decision as SiteDecision)) {
      throw new SettingsValidationError(
        'siteConsent',
        `The answer for ${key} must be "always" or "never" (got ${String(decision)}).`,
      );
    }
    out[key] = decision as SiteDecision;
  }
  return out;
}

export function checkDenyList(value: unknown): string[] {
  if (!Array.isArray(value))
    throw new SettingsValidationError('denyList', 'The list of sites never to read must be a list.');
  if (value.length > MAX_DENY_LIST)
    throw new SettingsValidationError('denyList', `At most ${MAX_DENY_LIST} sites in the list.`);
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
