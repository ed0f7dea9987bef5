// Export (download a JSON file) and import (file picker) of the settings, without secrets.
import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '../../utils/i18n/i18n';
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
    setStatus({ kind: 'ok', text: i18n.t('transfer.exported') });
  }

  async function store(next: Settings) {
    // Secrets stay with the server they were entered for: moving to the file's server leaves them behind.
    const dropped = await moveToServer(settings.baseUrl, next.baseUrl);
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    setStatus({
      kind: 'ok',
      text: dropped
        ? i18n.t('transfer.importedNotice', { notice: secretsNoticeText(dropped) })
        : i18n.t('transfer.imported'),
    });
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    setPending(null);
    try {
      const next = parseImport(await file.text());
      if (next.baseUrl !== settings.baseUrl) {
        setPending(next);
        setStatus({
          kind: 'info',
          text: i18n.t('transfer.otherServer', { file: next.baseUrl, current: settings.baseUrl }),
        });
        return;
      }
      await store(next);
    } catch (err) {
      setStatus({
        kind: 'error',
        text: err instanceof ImportError ? err.message : i18n.t('transfer.nothingChanged', { error: messageOf(err) }),
      });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  async function confirm(accept: boolean) {
    const next = pending;
    setPending(null);
    if (!next || !accept) {
      setStatus({ kind: 'info', text: i18n.t('transfer.cancelled') });
      return;
    }
    try {
      await store(next);
    } catch (err) {
      setStatus({ kind: 'error', text: i18n.t('transfer.nothingChanged', { error: messageOf(err) }) });
    }
  }

  return (
    <div role="group" aria-labelledby="transfer-title">
      <h3 id="transfer-title">{i18n.t('transfer.heading')}</h3>
      <p>{i18n.t('transfer.intro')}</p>
      <div class="actions">
        <button type="button" onClick={download} data-testid="export-settings">
          {i18n.t('transfer.export')}
        </button>
        <label class="file-label" for="import-file">
          {i18n.t('transfer.import')}
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
            {i18n.t('transfer.switchQuestion', { file: pending.baseUrl, current: settings.baseUrl })}
          </p>
          <div class="actions">
            <button type="button" onClick={() => void confirm(true)} data-testid="import-switch-server">
              {i18n.t('transfer.switchAndImport')}
            </button>
            <button type="button" onClick={() => void confirm(false)} data-testid="import-cancel">
              {i18n.t('transfer.cancel')}
            </button>
          </div>
        </div>
      )}
      <StatusLine status={status} testId="transfer-status" />
    </div>
  );
}
