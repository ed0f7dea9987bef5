// What leaves the browser, the answers given per site, the sites never to read, and the audio kept on disk.
import { useEffect, useState } from 'preact/hooks';
import { cacheUsage, clearAudioCache, formatBytes } from '../../utils/privacy/cache-usage';
import { speechMinutesInCap, type StoredAs } from '../../utils/cache/speech-capacity';
import { opusEncodingSupported } from '../../utils/audio-codec/opus-codec';
import { InvalidHostError, normalizeHost } from '../../utils/privacy/host-pattern';
import type { Settings } from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import { messageOf } from './use-settings';
import { StatusLine, type Status } from './StatusLine';

export function PrivacySection({ settings }: { settings: Settings }) {
  const [usage, setUsage] = useState<{ bytes: number; entries: number } | null>(null);
  const [host, setHost] = useState('');
  const [status, setStatus] = useState<Status>(null);
  // The same feature test the player's host makes before compressing (utils/cache/cache-compactor.ts).
  const [storedAs, setStoredAs] = useState<StoredAs>('opus');
  useEffect(() => void opusEncodingSupported().then((yes) => setStoredAs(yes ? 'opus' : 'wav')), []);

  const loadUsage = () => void cacheUsage().then(setUsage, () => setUsage(null));
  useEffect(loadUsage, []);

  async function addDenied(e: Event) {
    e.preventDefault();
    try {
      const clean = normalizeHost(host);
      await updateSettings({ denyList: [...settings.denyList, clean] });
      setHost('');
      setStatus({ kind: 'ok', text: `Text from ${clean} will never be sent.` });
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof InvalidHostError ? err.message : messageOf(err) });
    }
  }

  async function forget(site: string) {
    const next = { ...settings.siteConsent };
    delete next[site];
    await updateSettings({ siteConsent: next });
    setStatus({ kind: 'ok', text: `The answer for ${site} was removed; you will be asked again.` });
  }

  async function clear() {
    await clearAudioCache();
    loadUsage();
    setStatus({ kind: 'ok', text: 'The audio cache is empty.' });
  }

  let server = settings.baseUrl;
  try {
    server = new URL(settings.baseUrl).origin;
  } catch {
    // An invalid address is reported in the connection section; show it as typed here.
  }

  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <p data-testid="privacy-statement">
        When you ask for a page to be read, the text being read (in pieces of at most 256 characters), the chosen voice,
        pitch and rate are sent to the VocaliD server at <strong>{server}</strong>, with your sign-in token or API key.
        Nothing else leaves the browser: no page address, no history, no analytics. Before text from a site is sent the
        first time, you are asked. Spoken audio is kept on this computer only, in the cache below. Your secrets stay in
        this browser’s local storage, are never synced, and web pages cannot read them.
      </p>

      <h3>Answers per site</h3>
      {Object.keys(settings.siteConsent).length === 0 ? (
        <p>No answers yet.</p>
      ) : (
        <ul class="plain" data-testid="site-consent-list">
          {Object.entries(settings.siteConsent).map(([site, decision]) => (
            <li key={site}>
              {site}: {decision === 'always' ? 'always send' : 'never send'}{' '}
              <button type="button" onClick={() => void forget(site)} aria-label={`Forget the answer for ${site}`}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Sites never to read</h3>
      <ul class="plain" data-testid="deny-list">
        {settings.denyList.map((h) => (
          <li key={h}>
            {h}{' '}
            <button
              type="button"
              onClick={() => void updateSettings({ denyList: settings.denyList.filter((x) => x !== h) })}
              aria-label={`Remove ${h} from the list`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void addDenied(e)} class="inline-form" aria-label="Add a site never to read">
        <div class="field">
          <label for="deny-host">Site (its subdomains are included)</label>
          <input id="deny-host" value={host} required onInput={(e) => setHost(e.currentTarget.value)} />
        </div>
        <button type="submit" data-testid="add-deny">
          Add
        </button>
      </form>

      <h3>Audio cache</h3>
      <p data-testid="cache-usage">
        {usage
          ? `${formatBytes(usage.bytes)} in ${usage.entries} pieces of audio (limit ${settings.cacheCapMB} MB, about ` +
            `${speechMinutesInCap(settings.cacheCapMB, storedAs, settings.sampleRate).toLocaleString('en')} minutes of speech).`
          : 'Cache size unknown.'}
      </p>
      <button type="button" onClick={() => void clear()} data-testid="clear-cache">
        Clear cache
      </button>
      <StatusLine status={status} testId="privacy-status" />
    </section>
  );
}
