// Every voice of the account, from the last stored list at once (works offline) and then refreshed from the
// server. A voice that cannot read (no streaming, expired) cannot be chosen or previewed, and says why.
import { i18n } from '../../utils/i18n/i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { uiLanguage } from '../../utils/i18n/ui-language';
import type { Settings } from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import { noCredentialsFetch } from '../../utils/vocalid/no-credentials-fetch';
import { createVocalidClient } from '../../utils/vocalid/vocalid-client';
import { describeVoice } from '../../utils/vocalid/voice-library';
import { loadVoiceList, saveVoiceList, type StoredVoiceList } from '../../utils/vocalid/voice-list-store';
import { previewVoice } from '../../utils/vocalid/voice-preview';
import { messageOf } from './use-settings';
import { StatusLine, type Status } from './StatusLine';

/**
 * `embedded`: a part of the Options page's "Voice and speed" section (a sub-heading) rather than a section of its
 * own, as on the welcome page.
 */
export function VoiceLibrary({
  settings,
  refreshKey,
  embedded = false,
}: {
  settings: Settings;
  refreshKey: number;
  embedded?: boolean;
}) {
  const [list, setList] = useState<StoredVoiceList | undefined>();
  const [status, setStatus] = useState<Status>(null);
  const [loading, setLoading] = useState(false);
  const audio = useRef<HTMLAudioElement | null>(null);

  async function refresh() {
    setLoading(true);
    try {
      const voices = await createVocalidClient({ retry: { maxAttempts: 1 }, fetch: noCredentialsFetch }).listVoices();
      setList(await saveVoiceList(settings.baseUrl, voices));
      setStatus(null);
    } catch (err) {
      // The state may not hold the stored copy yet (this runs right after mount), so ask the store itself.
      const stored = await loadVoiceList(settings.baseUrl);
      const error = messageOf(err);
      setStatus({
        kind: 'error',
        text: stored
          ? i18n.t('options.voices.refreshFailedShowingSaved', { error })
          : i18n.t('options.voices.refreshFailed', { error }),
      });
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    let stale = false;
    void loadVoiceList(settings.baseUrl).then((stored) => {
      if (!stale) setList(stored);
    });
    // The list may have changed whenever the account, the server or the page visit changes: fetch again.
    void refresh();
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `refresh` is a new function each render; these are what it reads.
  }, [settings.baseUrl, settings.authMethod, settings.clientId, settings.apiKey, refreshKey]);

  async function preview(token: string, name: string) {
    setStatus({ kind: 'info', text: i18n.t('options.voices.preparing', { name }) });
    try {
      const url = await previewVoice(settings, token);
      audio.current?.pause();
      const el = new Audio(url);
      audio.current = el;
      el.addEventListener('ended', () => URL.revokeObjectURL(url), { once: true });
      await el.play();
      setStatus({ kind: 'ok', text: i18n.t('options.voices.playing', { name }) });
    } catch (err) {
      setStatus({ kind: 'error', text: i18n.t('options.voices.previewFailed', { name, error: messageOf(err) }) });
    }
  }

  async function choose(token: string, name: string) {
    try {
      await updateSettings({ voiceToken: token });
      setStatus({ kind: 'ok', text: i18n.t('options.voices.nowDefault', { name }) });
    } catch (err) {
      setStatus({ kind: 'error', text: messageOf(err) });
    }
  }

  const rows = (list?.voices ?? []).map((v) => describeVoice(v));
  const columns = {
    model: i18n.t('options.voices.columns.model'),
    owner: i18n.t('options.voices.columns.owner'),
    expires: i18n.t('options.voices.columns.expires'),
    status: i18n.t('options.voices.columns.status'),
  };
  const flagList = new Intl.ListFormat(uiLanguage(), { type: 'unit', style: 'short' });
  const Wrapper = embedded ? 'div' : 'section';
  return (
    <Wrapper aria-labelledby="voices-title" role={embedded ? 'group' : undefined}>
      {embedded ? (
        <h3 id="voices-title">{i18n.t('options.voices.yourVoices')}</h3>
      ) : (
        <h2 id="voices-title">{i18n.t('options.voices.library')}</h2>
      )}
      <p class="hint">{i18n.t('options.voices.hint')}</p>
      <div class="actions">
        <button type="button" onClick={() => void refresh()} disabled={loading} data-testid="refresh-voices">
          {loading ? i18n.t('options.voices.refreshing') : i18n.t('options.voices.refresh')}
        </button>
        {list && (
          <span class="hint">
            {i18n.t('options.voices.lastUpdated', { time: new Date(list.fetchedAt).toLocaleString(uiLanguage()) })}
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p>{loading ? i18n.t('options.voices.loading') : i18n.t('options.voices.none')}</p>
      ) : (
        <table class="voices" data-testid="voice-table">
          <caption class="visually-hidden">{i18n.t('options.voices.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('options.voices.columns.voice')}</th>
              <th scope="col">{columns.model}</th>
              <th scope="col">{columns.owner}</th>
              <th scope="col">{columns.expires}</th>
              <th scope="col">{columns.status}</th>
              <th scope="col">{i18n.t('options.voices.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const chosen = settings.voiceToken === r.token;
              return (
                <tr key={r.token} data-voice={r.name} class={r.disabledReason ? 'disabled' : ''}>
                  <th scope="row">
                    {r.name}
                    {chosen && <span class="badge"> {i18n.t('options.voices.defaultBadge')}</span>}
                  </th>
                  <td data-label={columns.model}>{r.model}</td>
                  <td data-label={columns.owner}>
                    {r.owner === 'Personal'
                      ? i18n.t('options.voices.owners.personal')
                      : i18n.t('options.voices.owners.stock')}
                  </td>
                  <td data-label={columns.expires}>
                    {r.expires || i18n.t('options.voices.never')}
                    {r.expiringSoon && <strong class="warn"> {i18n.t('options.voices.expiresSoonWarning')}</strong>}
                  </td>
                  <td data-label={columns.status}>{r.disabledReason ?? flagList.format(r.flags)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      disabled={!!r.disabledReason}
                      onClick={() => void preview(r.token, r.name)}
                      aria-label={i18n.t('options.voices.previewVoice', { name: r.name })}
                    >
                      {i18n.t('options.voices.preview')}
                    </button>
                    <button
                      type="button"
                      disabled={!!r.disabledReason || chosen}
                      onClick={() => void choose(r.token, r.name)}
                      aria-label={i18n.t('options.voices.useVoice', { name: r.name })}
                    >
                      {chosen ? i18n.t('options.voices.isDefault') : i18n.t('options.voices.use')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <StatusLine status={status} testId="voices-status" />
    </Wrapper>
  );
}
