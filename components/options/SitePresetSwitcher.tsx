// For the popup: which preset this site reads with, and a way to switch it on the spot.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '../../utils/i18n/i18n';
import { resolvePreset } from '../../utils/presets/resolve-preset';
import { setSitePreset } from '../../utils/presets/site-preset-store';
import type { Settings } from '../../utils/settings/settings-schema';
import { messageOf } from './use-settings';

/** `pageUrl` is the tab's address, which the popup knows (activeTab); undefined while unknown. */
export function SitePresetSwitcher({ settings, pageUrl }: { settings: Settings; pageUrl: string | undefined }) {
  const [error, setError] = useState('');
  const resolved = resolvePreset(settings, pageUrl);
  if (!resolved.hostname) return null;
  const host = resolved.matchedHost ?? resolved.hostname;
  return (
    <div class="field site-preset">
      <label for="site-preset-switch">{i18n.t('presets.switcherLabel', { host })}</label>
      <select
        id="site-preset-switch"
        data-testid="popup-site-preset"
        value={resolved.preset?.id ?? ''}
        onChange={(e) => {
          setError('');
          setSitePreset(host, e.currentTarget.value || null).catch((err: unknown) => setError(messageOf(err)));
        }}
      >
        <option value="">{i18n.t('presets.noPreset')}</option>
        {settings.presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {error && (
        <p class="hint" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The URL of a tab, or undefined when the extension may not see it. */
export function useTabUrl(tabId: number | undefined): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    const get =
      tabId !== undefined
        ? browser.tabs.get(tabId)
        : browser.tabs.query({ active: true, currentWindow: true }).then((t) => t[0]);
    void get.then(
      (tab) => setUrl(tab?.url),
      () => setUrl(undefined),
    );
  }, [tabId]);
  return url;
}
