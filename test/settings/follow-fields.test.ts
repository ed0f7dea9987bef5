import { describe, expect, it } from 'vitest';
import {
  migrateSettings,
  SETTINGS_VERSION,
  SettingsValidationError,
  validateSettingsPatch,
} from '../../utils/settings/settings-schema';

describe('follow-along settings', () => {
  it('are repaired to their defaults when missing or invalid in stored settings', () => {
    const s = migrateSettings({
      version: SETTINGS_VERSION,
      rate: 1.5,
      highlightGranularity: 'paragraph',
      highlightWordColor: 'red;}body{display:none',
    });
    expect(s.rate).toBe(1.5);
    expect(s.highlightGranularity).toBe('word');
    expect(s.highlightWordColor).toBe('#ffc94d');
    expect(s.highlightSentenceColor).toBe('#fff3a3');
    expect(s.showMiniPlayer).toBe(true);
    expect(s.paragraphPlayButtons).toBe(false);
    expect(s.autoScroll).toBe(true);
  });

  it('accept plain colours and on/off values, and refuse CSS that is not a colour', () => {
    expect(
      validateSettingsPatch({
        highlightSentenceColor: ' rgb(255, 240, 150) ',
        highlightGranularity: 'off',
        autoScroll: false,
      }),
    ).toEqual({
      highlightSentenceColor: 'rgb(255, 240, 150)',
      highlightGranularity: 'off',
      autoScroll: false,
    });
    expect(() => validateSettingsPatch({ highlightSentenceColor: 'red;}*{color:red' })).toThrow(
      SettingsValidationError,
    );
    expect(() => validateSettingsPatch({ showMiniPlayer: 'yes' })).toThrow(/on or off/);
  });
});
