// "Sign in with VocaliD" from start to saved: the browser's sign-in window (PKCE), the tokens stored, the
// settings switched to that server and method, secrets of a previous server dropped, and the account checked.
// The Options page and the welcome page both sign in through this; the caller asks for the host permission
// first (it needs the click's user gesture).
import { browser } from 'wxt/browser';
import { clearSecretsNotice, getSecrets, moveToServer } from '../settings/secrets-store';
import type { Settings } from '../settings/settings-schema';
import { updateSettings } from '../settings/settings-store';
import { checkConnection } from './connection-check';
import { noCredentialsFetch } from './no-credentials-fetch';
import { signInWithPkce } from './pkce-sign-in';
import { storePkceTokens } from './pkce-token-source';

export interface SignedIn {
  nickname: string | null;
  /** The scopes the server granted, space-separated as OAuth sends them. */
  granted: string;
  /** The server whose stored secrets were dropped because the account moved, if any. */
  droppedFrom: string | undefined;
}

export async function signInAndSave(draft: Settings, previousBaseUrl: string): Promise<SignedIn> {
  const tokens = await signInWithPkce({
    baseUrl: draft.baseUrl,
    scopes: draft.scopes,
    redirectUri: browser.identity.getRedirectURL(),
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    fetch: noCredentialsFetch,
  });
  await storePkceTokens(tokens);
  await updateSettings({ baseUrl: draft.baseUrl, authMethod: 'pkce', scopes: draft.scopes });
  const dropped = await moveToServer(previousBaseUrl, draft.baseUrl);
  await clearSecretsNotice();
  const report = await checkConnection({ ...draft, authMethod: 'pkce', baseUrl: tokens.baseUrl }, await getSecrets());
  return { nickname: report.nickname, granted: tokens.scope, droppedFrom: dropped?.from };
}
