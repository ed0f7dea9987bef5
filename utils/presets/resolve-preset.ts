// Which voice parameters a reading on a given page uses. Pure rules (no storage, no browser), so they can be
// tested exhaustively and shared by the reading runtime and the popup:
//  1. the preset set for the page's host name, else for its closest parent domain (news.example.com falls back
//     to example.com; a leading "www." is just a subdomain);
//  2. a site entry that points at a deleted preset is ignored, as if it were not there;
//  3. otherwise the voice parameters from the general settings.
// A preset's empty voice means "the voice chosen in the general settings".
import { hostAndParents } from '../privacy/host-pattern';
import type { Preset, Settings } from '../settings/settings-schema';

export type PresetParams = Pick<Settings, 'voiceToken' | 'pitch' | 'rate' | 'sentencePauseMs' | 'paragraphPauseMs'>;

export interface ResolvedPreset {
  params: PresetParams;
  /** The preset applied, if any. */
  preset?: Preset;
  /** The site entry (host name) that selected it. */
  matchedHost?: string;
  /** The page's host name, when it has one ('' for file: and unparsable URLs). */
  hostname: string;
}

export function pageHostname(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.hostname.toLowerCase().replace(/\.$/, '')
      : '';
  } catch {
    return '';
  }
}

function generalParams(settings: Settings): PresetParams {
  const { voiceToken, pitch, rate, sentencePauseMs, paragraphPauseMs } = settings;
  return { voiceToken, pitch, rate, sentencePauseMs, paragraphPauseMs };
}

export function resolvePreset(
  settings: Pick<Settings, keyof PresetParams | 'presets' | 'sitePresets'>,
  url: string | undefined,
): ResolvedPreset {
  const hostname = pageHostname(url);
  const general = generalParams(settings as Settings);
  if (hostname) {
    for (const host of hostAndParents(hostname)) {
      const id = settings.sitePresets[host];
      if (id === undefined) continue;
      const preset = settings.presets.find((p) => p.id === id);
      if (!preset) continue;
      return {
        hostname,
        matchedHost: host,
        preset,
        params: {
          voiceToken: preset.voiceToken || general.voiceToken,
          pitch: preset.pitch,
          rate: preset.rate,
          sentencePauseMs: preset.sentencePauseMs,
          paragraphPauseMs: preset.paragraphPauseMs,
        },
      };
    }
  }
  return { hostname, params: general };
}

/** The settings a reading of `url` runs with: the general settings with the site's preset applied. */
export function settingsForPage<S extends Settings>(settings: S, url: string | undefined): S {
  return { ...settings, ...resolvePreset(settings, url).params };
}
