// Server address and how the extension signs in. Nothing typed here is stored until "Test connection and save"
// has succeeded with it, so a wrong secret never replaces a working one.
import { i18n } from '../../utils/i18n/i18n';
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
const FEATURE_SCOPES = ['user:info', 'voice:list', 'voice:synthesis'];

/** A scope as a checkbox label: its words, starting with a capital where the language has them. */
function scopeLabel(scope: string): string {
  const words = scopeInWords(scope);
  return words.charAt(0).toLocaleUpperCase(document.documentElement.lang || undefined) + words.slice(1);
}

/** Each way of signing in, with what it means for someone who has never heard of OAuth or HMAC. */
const METHODS: { value: AuthMethod; label: () => string; help: () => string }[] = [
  {
    value: 'pkce',
    label: () => i18n.t('options.account.methods.pkce'),
    help: () => i18n.t('options.account.methods.pkceHelp'),
  },
  {
    value: 'client_credentials',
    label: () => i18n.t('options.account.methods.clientCredentials'),
    help: () => i18n.t('options.account.methods.clientCredentialsHelp'),
  },
  {
    value: 'hmac',
    label: () => i18n.t('options.account.methods.hmac'),
    help: () => i18n.t('options.account.methods.hmacHelp'),
  },
];

/** "Connected as …", "Signed in as …": the account's nickname, or words saying it has none. */
const nicknameOf = (nickname: string | undefined | null) => nickname ?? i18n.t('options.account.noNickname');

/** Whole sentences, each its own message, one after another. */
const sentences = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(' ');

export function ConnectionSection({
  settings,
  onConnected,
  title = i18n.t('options.sections.account'),
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
    return dropped ? i18n.t('options.account.secretsRemoved', { server: dropped.from }) : '';
  }

  function draft(): Settings {
    const patch = validateSettingsPatch({ baseUrl, authMethod: method, clientId, apiKey, scopes });
    return { ...settings, ...patch };
  }

  async function permitted(url: string): Promise<boolean> {
    if (await ensureHostPermission(url)) return true;
    setStatus({
      kind: 'error',
      text: i18n.t('options.account.needsPermission', { origin: new URL(url).origin }),
    });
    return false;
  }

  /** A button's work: busy while it runs, any failure shown. It settles every outcome itself, so click handlers
   * return nothing (no promise for Preact to drop). */
  function run(action: () => Promise<void>): void {
    setBusy(true);
    setStatus({ kind: 'info', text: i18n.t('options.status.working') });
    void (async () => {
      try {
        await action();
      } catch (err) {
        const reason = err instanceof SettingsValidationError ? err.message : messageOf(err);
        setStatus({ kind: 'error', text: i18n.t('options.status.nothingSaved', { reason }) });
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
        throw new Error(i18n.t('options.account.notSignedInYet'));
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
      const nickname = nicknameOf(report.nickname);
      const connected = report.scopes
        ? i18n.t('options.account.connectedMay', { nickname, permissions: scopesInWords(report.scopes) })
        : i18n.t('options.account.connected', { nickname });
      setStatus({ kind: 'ok', text: sentences(connected, removed) });
      onConnected();
    });

  const signIn = () =>
    run(async () => {
      const next = { ...draft(), authMethod: 'pkce' as const };
      if (!(await permitted(next.baseUrl))) return;
      const signedIn = await signInAndSave(next, settings.baseUrl);
      setNotice(null);
      const removed =
        signedIn.droppedFrom && i18n.t('options.account.secretsRemoved', { server: signedIn.droppedFrom });
      setMethod('pkce');
      const signedInText = i18n.t('options.account.signedIn', {
        nickname: nicknameOf(signedIn.nickname),
        permissions: scopesInWords(signedIn.granted),
      });
      setStatus({ kind: 'ok', text: sentences(signedInText, removed) });
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

  const labels = {
    clientId: i18n.t('options.account.clientId'),
    clientSecret: i18n.t('options.account.clientSecret'),
    apiKey: i18n.t('options.account.apiKey'),
    apiSecret: i18n.t('options.account.apiSecret'),
  };
  return (
    <section aria-labelledby="connection-title" id="account">
      <h2 id="connection-title">{title}</h2>
      <div class="field">
        <label for="base-url">{i18n.t('options.account.serverAddress')}</label>
        <input
          id="base-url"
          type="url"
          value={baseUrl}
          onInput={(e) => setBaseUrl(e.currentTarget.value)}
          aria-describedby="base-url-hint"
          spellcheck={false}
        />
        <p id="base-url-hint" class="hint">
          {i18n.t('options.account.serverHint')}{' '}
          <button type="button" class="link" onClick={resetDefaults}>
            {i18n.t('options.account.useDefaultAddress')}
          </button>
        </p>
      </div>
      <fieldset>
        <legend>{i18n.t('options.account.methodLegend')}</legend>
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
              {m.label()}
            </label>
            <p id={`auth-${m.value}-help`} class="hint toggle-hint">
              {m.help()}
            </p>
          </div>
        ))}
      </fieldset>
      {method === 'pkce' && (
        <div class="method">
          <p>{i18n.t('options.account.signInExplained')}</p>
          <button type="button" onClick={signIn} disabled={busy} data-testid="sign-in">
            {i18n.t('options.account.signIn')}
          </button>
          {haveSecret.refresh && <p class="hint">{i18n.t('options.account.signedInHere')}</p>}
        </div>
      )}
      {method === 'client_credentials' && (
        <CredentialFields
          name={{ id: 'client-id', label: labels.clientId, value: clientId, onInput: setClientId }}
          secret={{ id: 'client-secret', label: labels.clientSecret, value: clientSecret, onInput: setClientSecret }}
          secretStored={haveSecret.client}
        />
      )}
      {method === 'hmac' && (
        <CredentialFields
          name={{ id: 'api-key', label: labels.apiKey, value: apiKey, onInput: setApiKey }}
          secret={{ id: 'api-secret', label: labels.apiSecret, value: apiSecret, onInput: setApiSecret }}
          secretStored={haveSecret.api}
        />
      )}
      {method !== 'hmac' && (
        <fieldset>
          <legend>{i18n.t('options.account.scopesLegend')}</legend>
          {FEATURE_SCOPES.map((scope) => (
            <label class="checkbox" key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((x) => x !== scope))
                }
              />{' '}
              {scopeLabel(scope)}
            </label>
          ))}
        </fieldset>
      )}
      <p id="secret-hint" class="hint">
        {i18n.t('options.account.secretsHint')}
      </p>
      <div class="actions">
        <button type="button" onClick={testAndSave} disabled={busy} data-testid="test-connection">
          {i18n.t('options.account.testAndSave')}
        </button>
        <button type="button" onClick={doSignOut} disabled={busy} data-testid="sign-out">
          {i18n.t('options.account.signOut')}
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
          placeholder={secretStored ? i18n.t('options.account.secretStored') : ''}
          aria-describedby="secret-hint"
        />
      </div>
    </div>
  );
}
