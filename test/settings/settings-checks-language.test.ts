// The settings checks' sentences in other UI languages: whole translated sentences with the field's own name and the
// limits in them — no English fragment left around a translated name.
import { afterEach, describe, expect, it } from 'vitest';
import { validateSettingsPatch } from '../../utils/settings/settings-schema';
import { scopesInWords } from '../../utils/vocalid/scope-words';
import { chromeMessages, installLocale } from '../harness/locale-messages';

afterEach(() => installLocale('en'));

function refusal(patch: Record<string, unknown>): string {
  try {
    validateSettingsPatch(patch);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(patch)} was accepted`);
}

describe('settings checks in the UI language', () => {
  it('German: the range sentence names the field in German, with its limits', async () => {
    await installLocale('de');
    // German decimals take a comma.
    expect(refusal({ rate: 10.5 })).toBe('Das Tempo muss zwischen 0,5 und 4 liegen (eingegeben: 10,5).');
  });

  it('Arabic: every refusal is the Arabic sentence with no English words left', async () => {
    await installLocale('ar');
    const ar = await chromeMessages('ar');
    const pitch = refusal({ pitch: 0 });
    expect(pitch).toContain(ar.settings_fields_pitch!.message);
    for (const message of [
      pitch,
      refusal({ rate: Number.NaN }),
      refusal({ sampleRate: 12345 }),
      refusal({ clientId: 'x'.repeat(300) }),
      refusal({ scopes: 'voice:list' }),
    ]) {
      expect(message).not.toMatch(/\b(must|between|got|is|one of)\b/);
    }
  });

  it('Arabic: granted scopes are listed with the Arabic "and"', async () => {
    await installLocale('ar');
    const ar = await chromeMessages('ar');
    expect(scopesInWords('user:info voice:list voice:synthesis')).toBe(
      `${ar.settings_scopes_userInfo!.message}، ${ar.settings_scopes_voiceList!.message} و${ar.settings_scopes_voiceSynthesis!.message}`,
    );
    expect(scopesInWords('')).toBe(ar.settings_scopes_nothing!.message);
  });
});
