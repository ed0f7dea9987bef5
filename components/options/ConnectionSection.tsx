// Server address and how the extension signs in. Nothing typed here is stored until "Test connection and save"
// has succeeded with it, so a wrong secret never replaces a working one.
import { useEffect, useState } from 'preact/hooks';
import { ensureHostPermission } from '../../utils/privacy/host-permission';
import {
  clearSecretsNotice,
  getSecretsNotice,
  moveToServer,
  secretFor,
  secretsForServer,
  secretsNoticeText,
  SERVER_OF,
  setSecrets,
  storedSecretKinds,
  type Secrets,
} from '../../utils/settings/secrets-store';
import {
  defaultSettings,
  SettingsValidationError,
  validateSettingsPatch,
  type AuthMethod,
  type Settings,
} from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import { checkConnection } from '../../utils/vocalid/connection-check';
import { signInAndSave } from '../../utils/vocalid/sign-in-and-save';
import { scopeInWords, scopesInWords } from '../../utils/vocalid/scope-words';
import { signOut } from '../../utils/vocalid/sign-out';
import { messageOf } from './use-settings';
import { StatusLine, type Status } from './StatusLine';

/** Scopes reading needs: the nickname, the voice list and synthesis. Nothing that uploads or downloads. */
export const FEATURE_SCOPES = ['user:info', 'voice:list', 'voice:synthesis'].map((scope) => {
  const words = scopeInWords(scope);
  return { scope, label: words.charAt(0).toUpperCase() + words.slice(1) };
});

/** Each way of signing in, with what it means for someone who has never heard of OAuth or HMAC. */
const METHODS: { value: AuthMethod; label: string; help: string }[] = [
  {
    value: 'pkce',
    label: 'Sign in with VocaliD (recommended)',
    help: 'You sign in on the VocaliD page with your own username and password. The extension never sees your password.',
  },
  {
    value: 'client_credentials',
    label: 'OAuth2 client ID and secret',
    help: 'For an app registered with VocaliD or a server you run yourself: its administrator gives you an ID and a secret.',
  },
  {
    value: 'hmac',
    label: 'HMAC API key and secret',
    help: 'For an API key from your VocaliD account. Every request is signed with the secret, so the secret itself is never sent over the network.',
  },
];

export function ConnectionSection({
  settings,
  onConnected,
  title = 'Account',
}: {
  settings: Settings;
  onConnected: () => void;
  /** The section's heading: "Account" in Options, "Your own server" on the welcome page. */
  title?: string;
}) {
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [method, setMethod] = useState<AuthMethod>(settings.authMethod);
  const [clientId, setClientId] = useState(settings.clientId);
  const [clientSecret, setClientSecret] = useState('');
  const [apiKey, setApiKey] = useState(settings.apiKey);
  const [apiSecret, setApiSecret] = useState('');
  const [scopes, setScopes] = useState<string[]>(settings.scopes);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [haveSecret, setHaveSecret] = useState({ client: false, api: false, refresh: false });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    // Only whether a secret is stored, never its value: the fields stay empty ("leave empty to keep").
    void storedSecretKinds().then(setHaveSecret);
    void getSecretsNotice().then((n) => setNotice(n ? secretsNoticeText(n) : null));
  }, [settings]);

  /** After a successful save or sign-in for `to`: secrets of the previous server are dropped, and the user told. */
  async function settle(to: string): Promise<string> {
    const dropped = await moveToServer(settings.baseUrl, to);
    await clearSecretsNotice();
    setNotice(null);
    return dropped ? ` Secrets saved for ${dropped.from} were removed.` : '';
  }

  function draft(): Settings {
    const patch = validateSettingsPatch({ baseUrl, authMethod: method, clientId, apiKey, scopes });
    return { ...settings, ...patch };
  }

  async function permitted(url: string): Promise<boolean> {
    if (await ensureHostPermission(url)) return true;
    setStatus({
      kind: 'error',
      text: `The extension needs permission to reach ${new URL(url).origin}. Nothing was saved; press the button again and allow it.`,
    });
    return false;
  }

  /** A button's work: busy while it runs, any failure shown. It settles every outcome itself, so click handlers
   * return nothing (no promise for Preact to drop). */
  function run(action: () => Promise<void>): void {
    setBusy(true);
    setStatus({ kind: 'info', text: 'Working…' });
    void (async () => {
      try {
        await action();
      } catch (err) {
        const text =
          err instanceof SettingsValidationError
            ? `${err.message} Nothing was saved.`
            : `${messageOf(err)} Nothing was saved.`;
        setStatus({ kind: 'error', text });
      } finally {
        setBusy(false);
      }
    })();
  }

  const testAndSave = () =>
    run(async () => {
      const next = draft();
      if (!(await permitted(next.baseUrl))) return;
      // Stored secrets belong to the server saved now (older ones without a server are taken as its own); typed
      // ones to the address being tried. Only a secret of that address is ever sent to it.
      const stored = await secretsForServer(settings.baseUrl);
      const typed = {
        ...(clientSecret ? { clientSecret, clientSecretServer: next.baseUrl } : {}),
        ...(apiSecret ? { apiSecret, apiSecretServer: next.baseUrl } : {}),
      };
      const secrets: Secrets = { ...stored, ...typed };
      if (next.authMethod === 'pkce' && !secretFor(stored, 'refreshToken', next.baseUrl)) {
        throw new Error('You are not signed in to this server yet: press “Sign in with VocaliD” first.');
      }
      const needed =
        next.authMethod === 'hmac'
          ? 'apiSecret'
          : next.authMethod === 'client_credentials'
            ? 'clientSecret'
            : undefined;
      const otherServer = needed && secrets[needed] ? secrets[SERVER_OF[needed]] : undefined;
      if (needed && otherServer !== undefined && otherServer !== next.baseUrl) {
        throw new Error(secretsNoticeText({ from: otherServer, to: next.baseUrl }));
      }
      const report = await checkConnection(next, secrets);
      await updateSettings({
        baseUrl: next.baseUrl,
        authMethod: next.authMethod,
        clientId: next.clientId,
        apiKey: next.apiKey,
        scopes: next.scopes,
      });
      await setSecrets(typed);
      const removed = await settle(next.baseUrl);
      setClientSecret('');
      setApiSecret('');
      const granted = report.scopes ? ` It may ${scopesInWords(report.scopes)}.` : '';
      setStatus({ kind: 'ok', text: `Connected as ${report.nickname ?? '(no nickname)'}.${granted} Saved.${removed}` });
      onConnected();
    });

  const signIn = () =>
    run(async () => {
      const next = { ...draft(), authMethod: 'pkce' as const };
      if (!(await permitted(next.baseUrl))) return;
      const signedIn = await signInAndSave(next, settings.baseUrl);
      setNotice(null);
      const removed = signedIn.droppedFrom ? ` Secrets saved for ${signedIn.droppedFrom} were removed.` : '';
      setMethod('pkce');
      setStatus({
        kind: 'ok',
        text: `Signed in as ${signedIn.nickname ?? '(no nickname)'}. The extension may ${scopesInWords(signedIn.granted)}.${removed}`,
      });
      onConnected();
    });

  const doSignOut = () =>
    run(async () => {
      const result = await signOut();
      setStatus({ kind: result.revokedOnServer ? 'ok' : 'error', text: result.message });
    });

  const resetDefaults = () => {
    const d = defaultSettings();
    setBaseUrl(d.baseUrl);
  };

  return (
    <section aria-labelledby="connection-title" id="account">
      <h2 id="connection-title">{title}</h2>
      <div class="field">
        <label for="base-url">VocaliD server address</label>
        <input
          id="base-url"
          type="url"
          value={baseUrl}
          onInput={(e) => setBaseUrl(e.currentTarget.value)}
          aria-describedby="base-url-hint"
          spellcheck={false}
        />
        <p id="base-url-hint" class="hint">
          https is required, except for a server on this computer (localhost). Another server asks for permission to
          reach it when you save.{' '}
          <button type="button" class="link" onClick={resetDefaults}>
            Use the default address
          </button>
        </p>
      </div>
      <fieldset>
        <legend>How the extension signs in</legend>
        {METHODS.map((m) => (
          <div key={m.value}>
            <label class="radio">
              <input
                type="radio"
                name="auth-method"
                value={m.value}
                checked={method === m.value}
                aria-describedby={`auth-${m.value}-help`}
                onChange={() => setMethod(m.value)}
              />{' '}
              {m.label}
            </label>
            <p id={`auth-${m.value}-help`} class="hint toggle-hint">
              {m.help}
            </p>
          </div>
        ))}
      </fieldset>
      {method === 'pkce' && (
        <div class="method">
          <p>
            Opens the VocaliD sign-in page. The extension never sees your password; it keeps a token that you can revoke
            by signing out.
          </p>
          <button type="button" onClick={signIn} disabled={busy} data-testid="sign-in">
            Sign in with VocaliD
          </button>
          {haveSecret.refresh && <p class="hint">You are signed in on this browser.</p>}
        </div>
      )}
      {method === 'client_credentials' && (
        <CredentialFields
          name={{ id: 'client-id', label: 'Client ID', value: clientId, onInput: setClientId }}
          secret={{ id: 'client-secret', label: 'Client secret', value: clientSecret, onInput: setClientSecret }}
          secretStored={haveSecret.client}
        />
      )}
      {method === 'hmac' && (
        <CredentialFields
          name={{ id: 'api-key', label: 'API key', value: apiKey, onInput: setApiKey }}
          secret={{ id: 'api-secret', label: 'API secret', value: apiSecret, onInput: setApiSecret }}
          secretStored={haveSecret.api}
        />
      )}
      {method !== 'hmac' && (
        <fieldset>
          <legend>What the extension may do with your account</legend>
          {FEATURE_SCOPES.map((s) => (
            <label class="checkbox" key={s.scope}>
              <input
                type="checkbox"
                checked={scopes.includes(s.scope)}
                onChange={(e) =>
                  setScopes(e.currentTarget.checked ? [...scopes, s.scope] : scopes.filter((x) => x !== s.scope))
                }
              />{' '}
              {s.label}
            </label>
          ))}
        </fieldset>
      )}
      <p id="secret-hint" class="hint">
        Secrets stay in this browser’s local storage, are never synced and never shown again.
      </p>
      <div class="actions">
        <button type="button" onClick={testAndSave} disabled={busy} data-testid="test-connection">
          Test connection and save
        </button>
        <button type="button" onClick={doSignOut} disabled={busy} data-testid="sign-out">
          Sign out
        </button>
      </div>
      <StatusLine status={status} testId="connection-status" />
      {notice && <StatusLine status={{ kind: 'error', text: notice }} testId="secrets-notice" />}
    </section>
  );
}

interface TextField {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
}

/** The name and the secret of one credential-based sign-in method; an empty secret keeps the stored one. */
function CredentialFields({
  name,
  secret,
  secretStored,
}: {
  name: TextField;
  secret: TextField;
  secretStored: boolean;
}) {
  return (
    <div class="method">
      <div class="field">
        <label for={name.id}>{name.label}</label>
        <input
          id={name.id}
          value={name.value}
          onInput={(e) => name.onInput(e.currentTarget.value)}
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <div class="field">
        <label for={secret.id}>{secret.label}</label>
        <input
          id={secret.id}
          type="password"
          value={secret.value}
          onInput={(e) => secret.onInput(e.currentTarget.value)}
          autocomplete="off"
          placeholder={secretStored ? 'Stored — leave empty to keep it' : ''}
          aria-describedby="secret-hint"
        />
      </div>
    </div>
  );
}
