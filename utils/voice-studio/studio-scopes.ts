// The studio needs scopes reading does not: `external_account` (register, record) and `voice_build` (build).
// They are asked for when first needed, through the sign-in the user already chose: client credentials ask the
// token endpoint for the wider scope on the next token; "Sign in with VocaliD" (PKCE) signs in again with the
// added scopes (the consent page names them); HMAC keys carry their scopes on the server, so there is nothing to
// ask for — a key without them gets 403 insufficient_scope, shown as it is.
import type { Settings } from '../settings/settings-schema';
import { loadToken } from '../vocalid/token-store';

export interface ScopeDeps {
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** PKCE only: a new interactive sign-in with these scopes, its tokens stored. */
  signIn(settings: Settings, scopes: string[]): Promise<void>;
  /** The scopes of the stored access token (PKCE), space separated. */
  grantedScope?: () => Promise<string | undefined>;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Makes sure the next requests carry `needed`; returns true when a new sign-in was made for them. */
export async function ensureScopes(needed: readonly string[], deps: ScopeDeps): Promise<boolean> {
  const settings = await deps.getSettings();
  if (settings.authMethod === 'hmac') return false;
  const configured = settings.scopes;
  // An empty list asks for every scope the client may have (server/src/oauth/scopes.ts; RFC 6749 §3.3 default).
  const missingInSettings = configured.length > 0 && needed.some((s) => !configured.includes(s));
  const wanted = configured.length > 0 ? union(configured, needed) : configured;
  if (settings.authMethod === 'client_credentials') {
    if (missingInSettings) await deps.updateSettings({ scopes: wanted });
    return false;
  }
  const granted = (await (deps.grantedScope ?? defaultGrantedScope)())?.split(' ') ?? [];
  if (!missingInSettings && needed.every((s) => granted.includes(s))) return false;
  await deps.signIn(settings, wanted);
  if (missingInSettings) await deps.updateSettings({ scopes: wanted });
  return true;
}

async function defaultGrantedScope(): Promise<string | undefined> {
  return (await loadToken())?.scope;
}
