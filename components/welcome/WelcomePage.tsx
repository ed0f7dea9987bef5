// The first thing a new user sees (opened on install): what the extension does, one obvious way to connect the
// account ("Sign in with VocaliD"), the other for a self-hosted server, the voice heard once, and how to start a
// reading. Everything here is also in Options; this page only puts it in the order a first run needs.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ensureHostPermission } from '../../utils/privacy/host-permission';
import { isAccountConnected } from '../../utils/vocalid/account-connected';
import { signInAndSave } from '../../utils/vocalid/sign-in-and-save';
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
        <p>Loading…</p>
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
    setStatus({ kind: 'info', text: `Opening the sign-in page of ${host}…` });
    void (async () => {
      try {
        if (!(await ensureHostPermission(settings.baseUrl))) {
          setStatus({
            kind: 'error',
            text: `The extension needs permission to reach ${host}. Press the button again and allow it.`,
          });
          return;
        }
        const signedIn = await signInAndSave({ ...settings, authMethod: 'pkce' }, settings.baseUrl);
        setStatus({ kind: 'ok', text: `Signed in as ${signedIn.nickname ?? 'your VocaliD account'}.` });
        setRefreshKey((k) => k + 1);
      } catch (err) {
        setStatus({ kind: 'error', text: `Could not sign in: ${messageOf(err)}` });
      } finally {
        setBusy(false);
      }
    })();
  };

  const readKeys = shortcuts.find((s) => s.name === 'read-aloud')?.shortcut;
  return (
    <main class="welcome">
      <h1>Welcome to VocaliD Read Aloud</h1>
      <p class="lead">
        Hear web pages, and any text you select, read aloud in your VocaliD voice, with each sentence highlighted as it
        is read. What you have heard once plays again at once, even offline.
      </p>

      <section aria-labelledby="connect-title">
        <h2 id="connect-title">1. Connect your VocaliD account</h2>
        {connected ? (
          <p role="status" data-testid="connected">
            Your account is connected. You can read now, or choose your voice below.
          </p>
        ) : (
          <p>Sign in once; the extension keeps a token you can revoke at any time by signing out in Options.</p>
        )}
        <div class="actions">
          <button type="button" class="primary-action" onClick={signIn} disabled={busy} data-testid="welcome-sign-in">
            Sign in with VocaliD
          </button>
        </div>
        <p class="hint">Opens the sign-in page of {host} in a small window. The extension never sees your password.</p>
        <StatusLine status={status} testId="welcome-status" />
        <details>
          <summary>Use my own server</summary>
          <p class="hint">
            For a VocaliD-compatible server you run yourself, or an API key and secret from your VocaliD account.
          </p>
          <ConnectionSection
            settings={settings}
            title="Your own server"
            onConnected={() => setRefreshKey((k) => k + 1)}
          />
        </details>
      </section>

      {connected ? (
        <VoiceLibrary settings={settings} refreshKey={refreshKey} />
      ) : (
        <section aria-labelledby="voice-title">
          <h2 id="voice-title">2. Hear your voice</h2>
          <p>Once your account is connected, your voices appear here: press Preview to hear a test sentence.</p>
        </section>
      )}

      <section aria-labelledby="start-title">
        <h2 id="start-title">3. Start reading</h2>
        <p>
          Select text (or just open an article), then press {readKeys ? <kbd>{readKeys}</kbd> : 'your shortcut'},
          right-click and choose <strong>Read aloud</strong>, or use the toolbar button.
        </p>
        <dl class="shortcuts" data-testid="shortcuts">
          {shortcuts.map((s) => (
            <Fragment key={s.name}>
              <dt>{s.description || s.name}</dt>
              <dd>{s.shortcut ? <kbd>{s.shortcut}</kbd> : 'Not set'}</dd>
            </Fragment>
          ))}
        </dl>
        <div class="actions">
          {import.meta.env.FIREFOX ? (
            <p class="hint">To change them: Add-ons and themes → ⚙ → Manage Extension Shortcuts.</p>
          ) : (
            <button
              type="button"
              onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
              data-testid="change-shortcuts"
            >
              Change shortcuts
            </button>
          )}
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            All settings
          </button>
        </div>
        <p>
          No VocaliD voice yet, or want a new one? <a href="/voice-studio.html">Bank your voice in the Voice studio</a>:
          record short sentences, and VocaliD builds a voice that sounds like you.
        </p>
      </section>
    </main>
  );
}
