// Named presets (voice, pitch, rate, pauses) and which site uses which. Editing happens in a small form; every
// value is checked by the settings schema before it is stored, and a refusal is shown next to the form.
import { useState } from 'preact/hooks';
import { InvalidHostError, normalizeHost } from '../../utils/privacy/host-pattern';
import { deletePreset, newPresetId, savePreset, setSitePreset } from '../../utils/presets/site-preset-store';
import { LIMITS, type Preset, type Settings } from '../../utils/settings/settings-schema';
import { SPEED_GRAIN } from '../../utils/settings/speed-steps';
import { messageOf } from './use-settings';
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
      setStatus({ kind: 'ok', text: `Preset “${editing.name.trim()}” saved.` });
      setEditing(emptyPreset(settings));
    } catch (err) {
      setStatus({ kind: 'error', text: `${messageOf(err)} The preset was not saved.` });
    }
  }

  async function assign(e: Event) {
    e.preventDefault();
    try {
      const host = normalizeHost(site);
      await setSitePreset(host, sitePreset || null);
      setStatus({
        kind: 'ok',
        text: sitePreset ? `${host} now reads with its preset.` : `${host} uses the general settings again.`,
      });
      setSite('');
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof InvalidHostError ? err.message : messageOf(err) });
    }
  }

  const nameOf = (id: string) => settings.presets.find((p) => p.id === id)?.name ?? '(deleted preset)';

  return (
    <div role="group" aria-labelledby="presets-title">
      <h3 id="presets-title">A different voice or speed for some sites</h3>
      <p class="hint">
        A preset is a named voice, speed, pitch and pauses. Set one for a site and that site reads with it; every other
        site uses the settings above.
      </p>
      {settings.presets.length > 0 && (
        <ul class="plain" data-testid="preset-list">
          {settings.presets.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong> — speed {p.rate}×, pitch {p.pitch}, pauses {p.sentencePauseMs}/
              {p.paragraphPauseMs} ms
              {p.voiceToken
                ? `, voice ${voices.find((v) => v.token === p.voiceToken)?.name ?? p.voiceToken}`
                : ', default voice'}{' '}
              <button type="button" onClick={() => setEditing({ ...p })} aria-label={`Edit preset ${p.name}`}>
                Edit
              </button>{' '}
              <button type="button" onClick={() => void deletePreset(p.id)} aria-label={`Delete preset ${p.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void save(e)} class="preset-form" aria-label="Preset editor">
        <div class="field">
          <label for="preset-name">Preset name</label>
          <input
            id="preset-name"
            value={editing.name}
            maxLength={60}
            required
            onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="preset-voice">Voice</label>
          <select
            id="preset-voice"
            value={editing.voiceToken}
            onChange={(e) => setEditing({ ...editing, voiceToken: e.currentTarget.value })}
          >
            <option value="">The default voice</option>
            {voices.map((v) => (
              <option key={v.token} value={v.token}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div class="grid">
          <div class="field">
            <label for="preset-pitch">Pitch</label>
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
            <label for="preset-rate">Speed (× normal)</label>
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
            <label for="preset-sentence">Pause after a sentence (ms)</label>
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
            <label for="preset-paragraph">Pause after a paragraph (ms)</label>
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
          Save preset
        </button>
      </form>

      <h4>Preset per site</h4>
      {Object.keys(settings.sitePresets).length > 0 && (
        <ul class="plain" data-testid="site-preset-list">
          {Object.entries(settings.sitePresets).map(([host, id]) => (
            <li key={host}>
              {host}: {nameOf(id)}{' '}
              <button
                type="button"
                onClick={() => void setSitePreset(host, null)}
                aria-label={`Remove the preset of ${host}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void assign(e)} class="inline-form" aria-label="Preset for a site">
        <div class="field">
          <label for="site-host">Site (for example news.example.com)</label>
          <input id="site-host" value={site} required onInput={(e) => setSite(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="site-preset">Preset</label>
          <select id="site-preset" value={sitePreset} onChange={(e) => setSitePresetId(e.currentTarget.value)}>
            <option value="">No preset (general settings)</option>
            {settings.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" data-testid="assign-site-preset">
          Set for this site
        </button>
      </form>
      <StatusLine status={status} testId="presets-status" />
    </div>
  );
}
