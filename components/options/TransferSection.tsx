// Export (download a JSON file) and import (file picker) of the settings, without secrets.
import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { moveToServer, secretsNoticeText } from '../../utils/settings/secrets-store';
import type { Settings } from '../../utils/settings/settings-schema';
import { SETTINGS_KEY } from '../../utils/settings/settings-store';
import { exportSettings, ImportError, parseImport } from '../../utils/settings/settings-transfer';
import { messageOf } from './use-settings';
import { StatusLine, type Status } from './StatusLine';

export function TransferSection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState<Status>(null);
  /** An imported file that points to another server, waiting for the user to say yes. */
  const [pending, setPending] = useState<Settings | null>(null);
  const input = useRef<HTMLInputElement>(null);

  function download() {
    const url = URL.createObjectURL(new Blob([exportSettings(settings)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'vocalid-read-aloud-settings.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({ kind: 'ok', text: 'Settings exported (without secrets).' });
  }

  async function store(next: Settings) {
    // Secrets stay with the server they were entered for: moving to the file's server leaves them behind.
    const dropped = await moveToServer(settings.baseUrl, next.baseUrl);
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    setStatus({
      kind: 'ok',
      text: dropped
        ? `Settings imported. ${secretsNoticeText(dropped)}`
        : 'Settings imported. Secrets were not changed.',
    });
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setPending(null);
    try {
      const next = parseImport(await file.text());
      if (next.baseUrl !== settings.baseUrl) {
        setPending(next);
        setStatus({ kind: 'info', text: `This file uses another server: ${next.baseUrl} (now ${settings.baseUrl}).` });
        return;
      }
      await store(next);
    } catch (err) {
      setStatus({
        kind: 'error',
        text: err instanceof ImportError ? err.message : `${messageOf(err)} Nothing was changed.`,
      });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  async function confirm(accept: boolean) {
    const next = pending;
    setPending(null);
    if (!next || !accept) {
      setStatus({ kind: 'info', text: 'Import cancelled. Nothing was changed.' });
      return;
    }
    try {
      await store(next);
    } catch (err) {
      setStatus({ kind: 'error', text: `${messageOf(err)} Nothing was changed.` });
    }
  }

  return (
    <div role="group" aria-labelledby="transfer-title">
      <h3 id="transfer-title">Export and import</h3>
      <p>The file holds your settings, presets and privacy answers. It never holds secrets or tokens.</p>
      <div class="actions">
        <button type="button" onClick={download} data-testid="export-settings">
          Export settings
        </button>
        <label class="file-label" for="import-file">
          Import settings from a file
        </label>
        <input
          id="import-file"
          ref={input}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          data-testid="import-settings"
        />
      </div>
      {pending && (
        <div class="confirm" role="group" aria-labelledby="import-server-question" data-testid="import-server-confirm">
          <p id="import-server-question">
            Switch to {pending.baseUrl}? A secret is never sent to another server than its own: the client and API
            secrets saved for {settings.baseUrl} will be removed, and you enter the secret for {pending.baseUrl} (or
            sign in) afterwards.
          </p>
          <div class="actions">
            <button type="button" onClick={() => void confirm(true)} data-testid="import-switch-server">
              Switch server and import
            </button>
            <button type="button" onClick={() => void confirm(false)} data-testid="import-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
      <StatusLine status={status} testId="transfer-status" />
    </div>
  );
}
