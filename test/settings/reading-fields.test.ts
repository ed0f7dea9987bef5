import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, migrateSettings, validateSettingsPatch } from '../../utils/settings/settings-schema';

describe('the code blocks setting', () => {
  it('announces code by default, and a stored record without the field gets the default', () => {
    expect(DEFAULT_SETTINGS.codeBlocks).toBe('announce');
    const { codeBlocks: _dropped, ...older } = DEFAULT_SETTINGS;
    expect(migrateSettings(older).codeBlocks).toBe('announce');
  });

  it('accepts line by line and repairs a stored value it does not know', () => {
    expect(validateSettingsPatch({ codeBlocks: 'lines' })).toEqual({ codeBlocks: 'lines' });
    expect(migrateSettings({ ...DEFAULT_SETTINGS, codeBlocks: 'lines' }).codeBlocks).toBe('lines');
    expect(migrateSettings({ ...DEFAULT_SETTINGS, codeBlocks: 'sing' }).codeBlocks).toBe('announce');
  });

  it('rejects anything else with a message naming the choices', () => {
    expect(() => validateSettingsPatch({ codeBlocks: 'skip' })).toThrow(/Code blocks must be one of announce, lines/);
  });
});
