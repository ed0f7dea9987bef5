import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../utils/settings/settings-schema';
import { ensureScopes } from '../../utils/voice-studio/studio-scopes';

function deps(patch: Partial<Settings>, granted?: string) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...patch };
  const signIns: string[][] = [];
  return {
    signIns,
    settings: () => settings,
    deps: {
      getSettings: async () => settings,
      updateSettings: async (p: Partial<Settings>) => (settings = { ...settings, ...p }),
      signIn: async (_s: Settings, scopes: string[]) => void signIns.push(scopes),
      grantedScope: async () => granted,
    },
  };
}

describe('studio scopes', () => {
  it('client credentials: the scope is added to the token request, once', async () => {
    const t = deps({ authMethod: 'client_credentials', scopes: ['voice:list', 'voice:synthesis'] });
    expect(await ensureScopes(['external_account'], t.deps)).toBe(false);
    expect(t.settings().scopes).toEqual(['voice:list', 'voice:synthesis', 'external_account']);
    await ensureScopes(['external_account'], t.deps);
    expect(t.settings().scopes).toEqual(['voice:list', 'voice:synthesis', 'external_account']);
    expect(t.signIns).toEqual([]);
  });

  it('an empty scope list already asks for every scope: left as it is', async () => {
    const t = deps({ authMethod: 'client_credentials', scopes: [] });
    await ensureScopes(['voice_build'], t.deps);
    expect(t.settings().scopes).toEqual([]);
  });

  it('Sign in with VocaliD: a token without the scope means a new sign-in asking for it as well', async () => {
    const t = deps({ authMethod: 'pkce', scopes: ['voice:synthesis'] }, 'voice:synthesis');
    expect(await ensureScopes(['voice_build'], t.deps)).toBe(true);
    expect(t.signIns).toEqual([['voice:synthesis', 'voice_build']]);
    expect(t.settings().scopes).toEqual(['voice:synthesis', 'voice_build']);
  });

  it('Sign in with VocaliD: no sign-in when the token has the scope already', async () => {
    const t = deps({ authMethod: 'pkce', scopes: ['voice:synthesis', 'voice_build'] }, 'voice:synthesis voice_build');
    expect(await ensureScopes(['voice_build'], t.deps)).toBe(false);
    expect(t.signIns).toEqual([]);
  });

  it('HMAC keys carry their scopes on the server: nothing to ask', async () => {
    const t = deps({ authMethod: 'hmac', scopes: ['voice:synthesis'] });
    expect(await ensureScopes(['external_account'], t.deps)).toBe(false);
    expect(t.settings().scopes).toEqual(['voice:synthesis']);
  });
});
