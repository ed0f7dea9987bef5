// What leaves the browser, the answers given per site, the sites never to read, the audio kept on disk (and its
// limit), and the reading positions remembered per page.
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { formatByteSize, formatNumber } from '../../utils/i18n/locale-format';
import { plural } from '../../utils/i18n/plural-message';
import { cacheUsage, clearAudioCache } from '../../utils/privacy/cache-usage';
import { speechMinutesInCap, type StoredAs } from '../../utils/cache/speech-capacity';
import { opusEncodingSupported } from '../../utils/audio-codec/opus-codec';
import { InvalidHostError, normalizeHost } from '../../utils/privacy/host-pattern';
import type { Settings } from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import { MAX_SCRIPT_CODE_POINTS } from '../../utils/vocalid/script-limit';
import { NumberSetting } from './NumberSetting';
import { formatValue, NUMBER_FIELDS } from './reading-fields';
import { keepPlaceholders, messageParts } from '../message-parts';
import './site-forms.css';
import { StatusLine } from './StatusLine';
import { useSettingSave } from './use-setting-save';
import { messageOf } from './use-settings';

/** The cache's size in the UI language's unit words: "512 bytes", "1.5 kB", "12.3 MB". */
const formatSize = (bytes: number) => formatByteSize(bytes, { kilobyteDigits: 1, byteDisplay: 'long' });

export function PrivacySection({ settings }: { settings: Settings }) {
  const [usage, setUsage] = useState<{ bytes: number; entries: number } | null>(null);
  const [host, setHost] = useState('');
  const { status, setStatus, errors, setError, commitNumber } = useSettingSave();
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
      setStatus({ kind: 'ok', text: i18n.t('privacySettings.denied', { host: clean }) });
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof InvalidHostError ? err.message : messageOf(err) });
    }
  }

  async function forget(site: string) {
    const next = { ...settings.siteConsent };
    delete next[site];
    await updateSettings({ siteConsent: next });
    setStatus({ kind: 'ok', text: i18n.t('privacySettings.forgotten', { site }) });
  }

  async function forgetPositions() {
    try {
      await backgroundMessenger.sendMessage('clearReadingPositions', undefined);
      setStatus({ kind: 'ok', text: i18n.t('privacySettings.positionsForgotten') });
    } catch (err) {
      setStatus({ kind: 'error', text: i18n.t('privacySettings.positionsNotForgotten', { error: messageOf(err) }) });
    }
  }

  async function clear() {
    await clearAudioCache();
    loadUsage();
    setStatus({ kind: 'ok', text: i18n.t('privacySettings.cacheCleared') });
  }

  let server = settings.baseUrl;
  try {
    server = new URL(settings.baseUrl).origin;
  } catch {
    // An invalid address is reported in the connection section; show it as typed here.
  }
  const statement = i18n.t('privacySettings.statement', {
    limit: formatNumber(MAX_SCRIPT_CODE_POINTS),
    ...keepPlaceholders('server'),
  });

  return (
    <section aria-labelledby="privacy-title" id="privacy" data-testid="privacy">
      <h2 id="privacy-title">{i18n.t('privacySettings.title')}</h2>
      <p data-testid="privacy-statement">{messageParts(statement, { server: <strong>{server}</strong> })}</p>

      <h3>{i18n.t('privacySettings.answersHeading')}</h3>
      {Object.keys(settings.siteConsent).length === 0 ? (
        <p>{i18n.t('privacySettings.noAnswers')}</p>
      ) : (
        <ul class="plain" data-testid="site-consent-list">
          {Object.entries(settings.siteConsent).map(([site, decision]) => (
            <li key={site}>
              {i18n.t(decision === 'always' ? 'privacySettings.answerAlways' : 'privacySettings.answerNever', { site })}{' '}
              <button
                type="button"
                onClick={() => void forget(site)}
                aria-label={i18n.t('privacySettings.forgetLabel', { site })}
              >
                {i18n.t('privacySettings.forget')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{i18n.t('privacySettings.denyHeading')}</h3>
      <ul class="plain" data-testid="deny-list">
        {settings.denyList.map((h) => (
          <li key={h}>
            {h}{' '}
            <button
              type="button"
              onClick={() => void updateSettings({ denyList: settings.denyList.filter((x) => x !== h) })}
              aria-label={i18n.t('privacySettings.removeLabel', { host: h })}
            >
              {i18n.t('privacySettings.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void addDenied(e)} class="inline-form" aria-label={i18n.t('privacySettings.denyForm')}>
        <div class="field">
          <label for="deny-host">{i18n.t('privacySettings.denySite')}</label>
          <input id="deny-host" value={host} required onInput={(e) => setHost(e.currentTarget.value)} />
        </div>
        <button type="submit" data-testid="add-deny">
          {i18n.t('privacySettings.add')}
        </button>
      </form>

      <h3>{i18n.t('privacySettings.cacheHeading')}</h3>
      <p data-testid="cache-usage">
        {usage
          ? plural('privacySettings.cacheUsage', usage.entries, {
              size: formatSize(usage.bytes),
              limit: formatValue(settings.cacheCapMB, 'MB'),
            })
          : i18n.t('privacySettings.cacheUnknown')}
      </p>
      <p data-testid="cache-capacity">
        {plural(
          'privacySettings.cacheCapacity',
          speechMinutesInCap(settings.cacheCapMB, storedAs, settings.sampleRate),
          {
            limit: formatValue(settings.cacheCapMB, 'MB'),
          },
        )}
      </p>
      <button type="button" onClick={() => void clear()} data-testid="clear-cache">
        {i18n.t('privacySettings.clearCache')}
      </button>
      <NumberSetting
        spec={NUMBER_FIELDS.cacheCapMB}
        value={settings.cacheCapMB}
        error={errors.cacheCapMB}
        onCommit={(field, text) => void commitNumber(field, text).then(loadUsage)}
        onValid={(field) => setError(field, undefined)}
      />

      <h3>{i18n.t('privacySettings.positionsHeading')}</h3>
      <p id="reading-forget-positions-hint">{i18n.t('privacySettings.positionsHint')}</p>
      <div class="actions">
        <button
          type="button"
          id="reading-forget-positions"
          aria-describedby="reading-forget-positions-hint"
          onClick={() => void forgetPositions()}
        >
          {i18n.t('privacySettings.forgetPositions')}
        </button>
      </div>
      <StatusLine status={status} testId="privacy-status" />
    </section>
  );
}
