// Every voice of the account, from the last stored list at once (works offline) and then refreshed from the
// server. A voice that cannot read (no streaming, expired) cannot be chosen or previewed, and says why.
import { useEffect, useRef, useState } from 'preact/hooks';
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
      setStatus({
        kind: 'error',
        text: `Could not refresh the voice list: ${messageOf(err)}${stored ? ' Showing the last saved list.' : ''}`,
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
    setStatus({ kind: 'info', text: `Preparing a sample of ${name}…` });
    try {
      const url = await previewVoice(settings, token);
      audio.current?.pause();
      const el = new Audio(url);
      audio.current = el;
      el.addEventListener('ended', () => URL.revokeObjectURL(url), { once: true });
      await el.play();
      setStatus({ kind: 'ok', text: `Playing a sample of ${name}.` });
    } catch (err) {
      setStatus({ kind: 'error', text: `Could not preview ${name}: ${messageOf(err)}` });
    }
  }

  async function choose(token: string, name: string) {
    try {
      await updateSettings({ voiceToken: token });
      setStatus({ kind: 'ok', text: `${name} is now the default voice.` });
    } catch (err) {
      setStatus({ kind: 'error', text: messageOf(err) });
    }
  }

  const rows = (list?.voices ?? []).map((v) => describeVoice(v));
  const Wrapper = embedded ? 'div' : 'section';
  return (
    <Wrapper aria-labelledby="voices-title" role={embedded ? 'group' : undefined}>
      {embedded ? <h3 id="voices-title">Your voices</h3> : <h2 id="voices-title">Voice library</h2>}
      <p class="hint">
        The voice marked “Default” reads every page. Preview plays a short sample; Use makes a voice the default.
      </p>
      <div class="actions">
        <button type="button" onClick={() => void refresh()} disabled={loading} data-testid="refresh-voices">
          {loading ? 'Refreshing…' : 'Refresh list'}
        </button>
        {list && <span class="hint">Last updated {new Date(list.fetchedAt).toLocaleString()}</span>}
      </div>
      {rows.length === 0 ? (
        <p>{loading ? 'Loading voices…' : 'No voices yet. Check the connection above.'}</p>
      ) : (
        <table class="voices" data-testid="voice-table">
          <caption class="visually-hidden">Voices of your account</caption>
          <thead>
            <tr>
              <th scope="col">Voice</th>
              <th scope="col">Model</th>
              <th scope="col">Owner</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const chosen = settings.voiceToken === r.token;
              return (
                <tr key={r.token} data-voice={r.name} class={r.disabledReason ? 'disabled' : ''}>
                  <th scope="row">
                    {r.name}
                    {chosen && <span class="badge"> (default)</span>}
                  </th>
                  <td data-label="Model">{r.model}</td>
                  <td data-label="Owner">{r.owner}</td>
                  <td data-label="Expires">
                    {r.expires || 'Never'}
                    {r.expiringSoon && <strong class="warn"> — expires soon</strong>}
                  </td>
                  <td data-label="Status">{r.disabledReason ?? r.flags.join(', ')}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      disabled={!!r.disabledReason}
                      onClick={() => void preview(r.token, r.name)}
                      aria-label={`Preview ${r.name}`}
                    >
                      Preview
                    </button>
                    <button
                      type="button"
                      disabled={!!r.disabledReason || chosen}
                      onClick={() => void choose(r.token, r.name)}
                      aria-label={`Use ${r.name} as the default voice`}
                    >
                      {chosen ? 'Default' : 'Use'}
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
