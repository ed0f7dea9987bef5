// The first thing a new user sees (opened on install): what the extension does, one obvious way to connect the
// account ("Sign in with VocaliD"), the other for a self-hosted server, the voice heard once, and how to start a
// reading. Everything here is also in Options; this page only puts it in the order a first run needs.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '../../utils/i18n/i18n';
import { ensureHostPermission } from '../../utils/privacy/host-permission';
import { isAccountConnected } from '../../utils/vocalid/account-connected';
import { signInAndSave } from '../../utils/vocalid/sign-in-and-save';
import { keepPlaceholders, messageParts } from '../message-parts';
import { useCommands } from '../use-command-shortcuts';
import { ConnectionSection } from '../options/ConnectionSection';
import { StatusLine, type Status } from '../options/StatusLine';
import { messageOf, useSettings } from '../options/use-settings';
import { VoiceLibrary } from '../options/VoiceLibrary';

export function WelcomePage() {
  const settings = useSettings();
  // The browser's own entry for the toolbar button is not one of ours.
  const shortcuts = useCommands().filter((c) => c.name && c.name !== '_execute_action');
  const [connected, setConnected] = useState<boolean | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(() => {
    if (settings) void isAccountConnected(settings).then(setConnected);
  }, [settings, refreshKey]);

  if (!settings)
    return (
      <main class="welcome">
        <p>{i18n.t('welcome.loading')}</p>
      </main>
    );

  const host = (() => {
    try {
      return new URL(settings.baseUrl).host;
    } catch {
      return settings.baseUrl;
    }
  })();

  const signIn = () => {
    setBusy(true);
    setStatus({ kind: 'info', text: i18n.t('welcome.opening', { host }) });
    void (async () => {
      try {
        if (!(await ensureHostPermission(settings.baseUrl))) {
          setStatus({
            kind: 'error',
            text: i18n.t('welcome.needsPermission', { host }),
          });
          return;
        }
        const signedIn = await signInAndSave({ ...settings, authMethod: 'pkce' }, settings.baseUrl);
        setStatus({
          kind: 'ok',
          text: i18n.t('welcome.signedInAs', { name: signedIn.nickname ?? i18n.t('welcome.yourAccount') }),
        });
        setRefreshKey((k) => k + 1);
      } catch (err) {
        setStatus({ kind: 'error', text: i18n.t('welcome.signInFailed', { reason: messageOf(err) }) });
      } finally {
        setBusy(false);
      }
    })();
  };

  const readKeys = shortcuts.find((s) => s.name === 'read-aloud')?.shortcut;
  return (
    <main class="welcome">
      <h1>{i18n.t('welcome.title')}</h1>
      <p class="lead">{i18n.t('welcome.lead')}</p>

      <section aria-labelledby="connect-title">
        <h2 id="connect-title">{i18n.t('welcome.connectTitle')}</h2>
        {connected ? (
          <p role="status" data-testid="connected">
            {i18n.t('welcome.connected')}
          </p>
        ) : (
          <p>{i18n.t('welcome.signInOnce')}</p>
        )}
        <div class="actions">
          <button type="button" class="primary-action" onClick={signIn} disabled={busy} data-testid="welcome-sign-in">
            {i18n.t('welcome.signIn')}
          </button>
        </div>
        <p class="hint">{i18n.t('welcome.signInHint', { host })}</p>
        <StatusLine status={status} testId="welcome-status" />
        <details>
          <summary>{i18n.t('welcome.ownServer')}</summary>
          <p class="hint">{i18n.t('welcome.ownServerHint')}</p>
          <ConnectionSection
            settings={settings}
            title={i18n.t('welcome.ownServerTitle')}
            onConnected={() => setRefreshKey((k) => k + 1)}
          />
        </details>
      </section>

      {connected ? (
        <VoiceLibrary settings={settings} refreshKey={refreshKey} />
      ) : (
        <section aria-labelledby="voice-title">
          <h2 id="voice-title">{i18n.t('welcome.voiceTitle')}</h2>
          <p>{i18n.t('welcome.voiceHint')}</p>
        </section>
      )}

      <section aria-labelledby="start-title">
        <h2 id="start-title">{i18n.t('welcome.startTitle')}</h2>
        <p>
          {messageParts(i18n.t('welcome.startHowTo', keepPlaceholders('keys', 'readAloud')), {
            keys: readKeys ? <kbd dir="ltr">{readKeys}</kbd> : i18n.t('welcome.yourShortcut'),
            readAloud: <strong>{i18n.t('welcome.readAloud')}</strong>,
          })}
        </p>
        <dl class="shortcuts" data-testid="shortcuts">
          {shortcuts.map((s) => (
            <Fragment key={s.name}>
              <dt>{s.description || s.name}</dt>
              <dd>{s.shortcut ? <kbd dir="ltr">{s.shortcut}</kbd> : i18n.t('welcome.notSet')}</dd>
            </Fragment>
          ))}
        </dl>
        <div class="actions">
          {import.meta.env.FIREFOX ? (
            <p class="hint">{i18n.t('welcome.firefoxShortcuts')}</p>
          ) : (
            <button
              type="button"
              onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
              data-testid="change-shortcuts"
            >
              {i18n.t('welcome.changeShortcuts')}
            </button>
          )}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {i18n.t('welcome.allSettings')}
          </button>
        </div>
        <p>
          {messageParts(i18n.t('welcome.studioInvite', keepPlaceholders('link')), {
            link: <a href="/voice-studio.html">{i18n.t('welcome.studioLink')}</a>,
          })}
        </p>
      </section>
    </main>
  );
}
