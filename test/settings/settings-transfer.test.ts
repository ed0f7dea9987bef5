import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../utils/settings/settings-schema';
import { exportSettings, parseImport } from '../../utils/settings/settings-transfer';

const withPreset = {
  ...DEFAULT_SETTINGS,
  rate: 1.4,
  presets: [
    { id: 'p1', name: 'Calm', voiceToken: '', pitch: 0.9, rate: 0.8, sentencePauseMs: 300, paragraphPauseMs: 700 },
  ],
  sitePresets: { 'a.example': 'p1' },
};

describe('settings export and import', () => {
  it('round-trips settings, presets and privacy answers', () => {
    expect(parseImport(exportSettings(withPreset))).toEqual(withPreset);
  });

  it('drops secrets someone added to the file', () => {
    const file = JSON.parse(exportSettings(withPreset)) as { settings: Record<string, unknown> };
    file.settings.clientSecret = 'leak';
    file.settings.refreshToken = 'leak';
    const imported = parseImport(JSON.stringify(file)) as unknown as Record<string, unknown>;
    expect(imported).not.toHaveProperty('clientSecret');
    expect(imported).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(imported)).not.toContain('leak');
  });

  it.each([
    ['not json', /not JSON/],
    ['{"kind":"something-else","settings":{}}', /not a VocaliD Read Aloud settings export/],
    ['{"kind":"vocalid-read-aloud-settings","settings":{"version":99}}', /newer version/],
    [
      `{"kind":"vocalid-read-aloud-settings","settings":{"version":${SETTINGS_VERSION},"rate":50}}`,
      /Rate must be between 0.5 and 4 \(got 50\).*Nothing was changed/,
    ],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseImport(text)).toThrow(message);
  });

  it('migrates an export from an older version', () => {
    const old = JSON.stringify({
      kind: 'vocalid-read-aloud-settings',
      settings: { version: 1, rate: 2, voiceToken: 't' },
    });
    expect(parseImport(old)).toMatchObject({ version: SETTINGS_VERSION, rate: 2, voiceToken: 't', presets: [] });
  });
});
