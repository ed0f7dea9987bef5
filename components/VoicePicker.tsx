import { i18n } from '../utils/i18n/i18n';
import type { VoiceInfo } from '../utils/vocalid/vocalid-client';

interface Props {
  voices: VoiceInfo[] | null;
  value: string;
  error?: string;
  onChange(voiceToken: string): void;
}

/** "Ada (model 2)": the voice's name (or its number) with its model when it has one. */
function voiceName(v: VoiceInfo): string {
  const name = v.name || i18n.t('popup.voiceNumber', { id: String(v.voice_id) });
  return v.model_name ? i18n.t('popup.voiceWithModel', { name, model: v.model_name }) : name;
}

export function VoicePicker({ voices, value, error, onChange }: Props) {
  return (
    <div class="field">
      <label for="voice">{i18n.t('popup.voice')}</label>
      <select
        id="voice"
        value={value}
        disabled={!voices}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{i18n.t('popup.firstAvailableVoice')}</option>
        {(voices ?? []).map((v) => (
          <option key={v.download_token} value={v.download_token}>
            {voiceName(v)}
          </option>
        ))}
      </select>
      {error ? (
        <p class="hint" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
