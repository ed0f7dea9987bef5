// Voice and speed: the one place the default voice is chosen (the account's voices, with preview), the speed,
// pitch and pauses every site reads with, and presets for the sites that should sound different.
import { i18n } from '../../utils/i18n/i18n';
import type { Settings } from '../../utils/settings/settings-schema';
import { NumberSetting } from './NumberSetting';
import { PresetsSection } from './PresetsSection';
import { NUMBER_FIELDS } from './reading-fields';
import { StatusLine } from './StatusLine';
import { useSettingSave } from './use-setting-save';
import { VoiceLibrary } from './VoiceLibrary';

/** The settings every site reads with, in this order (field names, not text). */
const SPEED_FIELDS = ['rate', 'pitch', 'sentencePauseMs', 'paragraphPauseMs'] as const; // i18n-ignore: setting names

export function VoiceSpeedSection({
  settings,
  refreshKey,
  voices,
}: {
  settings: Settings;
  refreshKey: number;
  voices: { token: string; name: string }[];
}) {
  const { status, errors, setError, commitNumber } = useSettingSave();
  return (
    <section aria-labelledby="voice-speed-title" id="voice-speed" data-testid="voice-speed">
      <h2 id="voice-speed-title">{i18n.t('options.sections.voiceSpeed')}</h2>
      <VoiceLibrary settings={settings} refreshKey={refreshKey} embedded />
      <p class="studio-link">
        <a href="/voice-studio.html" target="_blank">
          {i18n.t('options.voiceSpeed.studioLink')}
        </a>
      </p>

      <div role="group" aria-labelledby="defaults-title">
        <h3 id="defaults-title">{i18n.t('options.voiceSpeed.defaultsTitle')}</h3>
        <p class="hint">{i18n.t('options.voiceSpeed.defaultsHint')}</p>
        <div class="grid">
          {SPEED_FIELDS.map((f) => (
            <NumberSetting
              key={f}
              spec={NUMBER_FIELDS[f]}
              value={settings[f]}
              error={errors[f]}
              onCommit={(field, text) => void commitNumber(field, text)}
              onValid={(field) => setError(field, undefined)}
            />
          ))}
        </div>
        <StatusLine status={status} testId="voice-speed-status" />
      </div>

      <PresetsSection settings={settings} voices={voices} />
    </section>
  );
}
