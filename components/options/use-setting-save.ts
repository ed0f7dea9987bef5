// One section's way of storing a setting: checked by the schema, stored at once, the result announced in the
// section's status line and a refusal shown next to its field. Number fields are committed as typed text.
import { i18n } from '../../utils/i18n/i18n';
import { useState } from 'preact/hooks';
import { applyCacheCap } from '../../utils/privacy/cache-usage';
import type { Settings } from '../../utils/settings/settings-schema';
import { updateSettings } from '../../utils/settings/settings-store';
import { checkPatch, formatValue, NUMBER_FIELDS, parseNumberDraft, type NumberField } from './reading-fields';
import type { Status } from './StatusLine';
import { messageOf } from './use-settings';

export type FieldErrors = Partial<Record<keyof Settings, string>>;

export function useSettingSave() {
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const setError = (field: keyof Settings, message: string | undefined) =>
    setErrors((old) => {
      const next = { ...old };
      if (message === undefined) delete next[field];
      else next[field] = message;
      return next;
    });

  /**
   * Checks and stores one setting; `saved` names it and its new value for the status line ("Saved: {saved}.").
   * Returns whether it was stored.
   */
  async function save(
    patch: Partial<Record<keyof Settings, unknown>>,
    field: keyof Settings,
    saved: string,
  ): Promise<boolean> {
    const checked = checkPatch(patch);
    if (!checked.ok) {
      setError(field, checked.message);
      setStatus({ kind: 'error', text: i18n.t('options.status.notSaved', { reason: checked.message }) });
      return false;
    }
    try {
      await updateSettings(checked.patch);
    } catch (err) {
      setError(field, messageOf(err));
      setStatus({ kind: 'error', text: i18n.t('options.status.notSaved', { reason: messageOf(err) }) });
      return false;
    }
    setError(field, undefined);
    setStatus({ kind: 'ok', text: i18n.t('options.status.saved', { setting: saved }) });
    return true;
  }

  async function commitNumber(field: NumberField, text: string) {
    const spec = NUMBER_FIELDS[field];
    const parsed = parseNumberDraft(field, text);
    if (!parsed.ok) {
      setError(field, parsed.message);
      setStatus({ kind: 'error', text: i18n.t('options.status.notSaved', { reason: parsed.message }) });
      return;
    }
    const value = parsed.patch[field] as number;
    const saved = i18n.t('options.status.settingValue', { setting: spec.name, value: formatValue(value, spec.unit) });
    const stored = await save(parsed.patch, field, saved);
    if (stored && field === 'cacheCapMB') {
      // A smaller limit takes effect now: the least recently heard audio goes at once.
      try {
        await applyCacheCap(value);
      } catch (err) {
        setStatus({
          kind: 'error',
          text: i18n.t('options.status.cacheNotTrimmed', { error: messageOf(err) }),
        });
      }
    }
  }

  return { status, setStatus, errors, setError, save, commitNumber };
}
