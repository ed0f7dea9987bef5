// Export (download a JSON file) and import (file picker) of the settings, without secrets.
import { useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../utils/settings/settings-schema';
import { SETTINGS_KEY } from '../../utils/settings/settings-store';
import { exportSettings, ImportError, parseImport } from '../../utils/settings/settings-transfer';
import { messageOf } from './use-settings';
import { StatusLine, type Status } from './StatusLine';

export function TransferSection({ settings }: { settings: Settings }) {
  const [status, setStatus] = useState<Status>(null);
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

  async function importFile(file: File | undefined) {
    if (!file) return;
    try {
      const next = parseImport(await file.text());
      await browser.storage.local.set({ [SETTINGS_KEY]: next });
      setStatus({ kind: 'ok', text: 'Settings imported. Secrets were not changed.' });
    } catch (err) {
      setStatus({ kind: 'error', text: err instanceof ImportError ? err.message : `${messageOf(err)} Nothing was changed.` });
    } finally {
      if (input.current) input.current.value = '';
    }
  }

  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">Export and import</h2>
      <p>The file holds your settings, presets and privacy answers. It never holds secrets or tokens.</p>
      <div class="actions">
        <button type="button" onClick={download} data-testid="export-settings">Export settings</button>
        <label class="file-label" for="import-file">Import settings from a file</label>
        <input id="import-file" ref={input} type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget.files?.[0])} data-testid="import-settings" />
      </div>
      <StatusLine status={status} testId="transfer-status" />
    </section>
  );
}
