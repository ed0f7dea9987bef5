// Named presets (voice, pitch, rate, pauses) and which site uses which. Editing happens in a small form; every
// value is checked by the settings schema before it is stored, and a refusal is shown next to the form.
import { useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import { formatNumber } from '../../utils/i18n/locale-format';
import { InvalidHostError, normalizeHost } from '../../utils/privacy/host-pattern';
import { deletePreset, newPresetId, savePreset, setSitePreset } from '../../utils/presets/site-preset-store';
import { LIMITS, type Preset, type Settings } from '../../utils/settings/settings-schema';
import { SPEED_GRAIN } from '../../utils/settings/speed-steps';
import { messageOf } from './use-settings';
import './site-forms.css';
import { StatusLine, type Status } from './StatusLine';

function emptyPreset(settings: Settings): Preset {
  return {
    id: newPresetId(),
    name: '',
    voiceToken: '',
    pitch: settings.pitch,
    rate: settings.rate,
    sentencePauseMs: settings.sentencePauseMs,
    paragraphPauseMs: settings.paragraphPauseMs,
  };
}

/** "— speed 0.6×, pitch 1.7, pauses 400/900 ms, default voice": a preset's values in the UI language. */
function presetSummary(p: Preset, voices: { token: string; name: string }[]): string {
  const values = {
    rate: formatNumber(p.rate, { maximumFractionDigits: 3 }),
    pitch: formatNumber(p.pitch, { maximumFractionDigits: 3 }),
    sentencePause: formatNumber(p.sentencePauseMs, { useGrouping: false }),
    paragraphPause: formatNumber(p.paragraphPauseMs, { useGrouping: false }),
  };
  if (!p.voiceToken) return i18n.t('presets.summaryDefaultVoice', values);
  const voice = voices.find((v) => v.token === p.voiceToken)?.name ?? p.voiceToken;
  return i18n.t('presets.summaryVoice', { ...values, voice });
}

export function PresetsSection({
  settings,
  voices,
}: {
  settings: Settings;
  voices: { token: string; name: string }[];
}) {
  const [editing, setEditing] = useState<Preset>(() => emptyPreset(settings));
  const [site, setSite] = useState('');
  const [sitePreset, setSitePresetId] = useState('');
  const [status, setStatus] = useState<Status>(null);

  const num = (field: keyof Preset) => (e: Event) =>
    setEditing({ ...editing, [field]: Number((e.currentTarget as HTMLInputElement).value) });

  async function save(e: Event) {
    e.preventDefault();
    try {
      await savePreset({ ...editing, name: editing.name.trim() });
      setStatus({ kind: 'ok', text: i18n.t('presets.saved', { name: editing.name.trim() }) });
      setEditing(emptyPreset(settings));
    } catch (err) {
      setStatus({ kind: 'error', text: i18n.t('presets.notSaved', { error: messageOf(err) }) });
    }
  }

  async function assign(e: Event) {
    e.preventDefault();
    try {
      const host = normalizeHost(site);
      await setSitePreset(host, sitePreset || null);
      setStatus({
        kind: 'ok',
        text: i18n.t(sitePreset ? 'presets.assigned' : 'presets.unassigned', { host }),
      });
      setSite('');
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof InvalidHostError ? err.message : messageOf(err) });
    }
  }

  const nameOf = (id: string) => settings.presets.find((p) => p.id === id)?.name ?? i18n.t('presets.deletedPreset');

  return (
    <div role="group" aria-labelledby="presets-title">
      <h3 id="presets-title">{i18n.t('presets.heading')}</h3>
      <p class="hint">{i18n.t('presets.intro')}</p>
      {settings.presets.length > 0 && (
        <ul class="plain" data-testid="preset-list">
          {settings.presets.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> {presetSummary(p, voices)}{' '}
              <button
                type="button"
                onClick={() => setEditing({ ...p })}
                aria-label={i18n.t('presets.editLabel', { name: p.name })}
              >
                {i18n.t('presets.edit')}
              </button>{' '}
              <button
                type="button"
                onClick={() => void deletePreset(p.id)}
                aria-label={i18n.t('presets.deleteLabel', { name: p.name })}
              >
                {i18n.t('presets.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void save(e)} class="preset-form" aria-label={i18n.t('presets.editor')}>
        <div class="field">
          <label for="preset-name">{i18n.t('presets.name')}</label>
          <input
            id="preset-name"
            value={editing.name}
            maxLength={60}
            required
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="preset-voice">{i18n.t('presets.voice')}</label>
          <select
            id="preset-voice"
            value={editing.voiceToken}
            onChange={(e) => setEditing({ ...editing, voiceToken: e.currentTarget.value })}
          >
            <option value="">{i18n.t('presets.defaultVoice')}</option>
            {voices.map((v) => (
              <option key={v.token} value={v.token}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div class="grid">
          <div class="field">
            <label for="preset-pitch">{i18n.t('presets.pitch')}</label>
            <input
              id="preset-pitch"
              type="number"
              step="0.1"
              min="0.1"
              max={LIMITS.pitch.max}
              value={editing.pitch}
              onInput={num('pitch')}
            />
          </div>
          <div class="field">
            <label for="preset-rate">{i18n.t('presets.rate')}</label>
            <input
              id="preset-rate"
              type="number"
              step={SPEED_GRAIN}
              min={LIMITS.rate.min}
              max={LIMITS.rate.max}
              value={editing.rate}
              onInput={num('rate')}
            />
          </div>
          <div class="field">
            <label for="preset-sentence">{i18n.t('presets.sentencePause')}</label>
            <input
              id="preset-sentence"
              type="number"
              step="50"
              min="0"
              max={LIMITS.sentencePauseMs.max}
              value={editing.sentencePauseMs}
              onInput={num('sentencePauseMs')}
            />
          </div>
          <div class="field">
            <label for="preset-paragraph">{i18n.t('presets.paragraphPause')}</label>
            <input
              id="preset-paragraph"
              type="number"
              step="50"
              min="0"
              max={LIMITS.paragraphPauseMs.max}
              value={editing.paragraphPauseMs}
              onInput={num('paragraphPauseMs')}
            />
          </div>
        </div>
        <button type="submit" data-testid="save-preset">
          {i18n.t('presets.save')}
        </button>
      </form>

      <h4>{i18n.t('presets.perSite')}</h4>
      {Object.keys(settings.sitePresets).length > 0 && (
        <ul class="plain" data-testid="site-preset-list">
          {Object.entries(settings.sitePresets).map(([host, id]) => (
            <li key={host}>
              {i18n.t('presets.siteEntry', { host, preset: nameOf(id) })}{' '}
              <button
                type="button"
                onClick={() => void setSitePreset(host, null)}
                aria-label={i18n.t('presets.removeLabel', { host })}
              >
                {i18n.t('presets.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void assign(e)} class="inline-form" aria-label={i18n.t('presets.siteForm')}>
        <div class="field">
          <label for="site-host">{i18n.t('presets.site')}</label>
          <input id="site-host" value={site} required onInput={(e) => setSite(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="site-preset">{i18n.t('presets.preset')}</label>
          <select id="site-preset" value={sitePreset} onChange={(e) => setSitePresetId(e.currentTarget.value)}>
            <option value="">{i18n.t('presets.noPreset')}</option>
            {settings.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" data-testid="assign-site-preset">
          {i18n.t('presets.assign')}
        </button>
      </form>
      <StatusLine status={status} testId="presets-status" />
    </div>
  );
}
