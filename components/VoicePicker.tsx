import type { VoiceInfo } from '../utils/vocalid/vocalid-client';

interface Props {
  voices: VoiceInfo[] | null;
  value: string;
  error?: string;
  onChange(voiceToken: string): void;
}

export function VoicePicker({ voices, value, error, onChange }: Props) {
  return (
    <div class="field">
      <label for="voice">Voice</label>
      <select
        id="voice"
        value={value}
        disabled={!voices}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">First available voice</option>
        {(voices ?? []).map((v) => (
          <option key={v.download_token} value={v.download_token}>
            {v.name || `Voice ${v.voice_id}`}
            {v.model_name ? ` (${v.model_name})` : ''}
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
