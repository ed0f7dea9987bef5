// Advanced: what most people never change — the audio quality asked of the server, and moving the settings to
// another browser (export and import).
import { i18n } from '../../utils/i18n/i18n';
import type { Settings } from '../../utils/settings/settings-schema';
import { describedBy, FieldError } from './NumberSetting';
import { formatValue, SAMPLE_RATE_HELP, SAMPLE_RATE_OPTIONS } from './reading-fields';
import { StatusLine } from './StatusLine';
import { TransferSection } from './TransferSection';
import { useSettingSave } from './use-setting-save';

export function AdvancedSection({ settings }: { settings: Settings }) {
  const { status, errors, save } = useSettingSave();
  return (
    <section aria-labelledby="advanced-title" id="advanced" data-testid="advanced">
      <h2 id="advanced-title">{i18n.t('options.sections.advanced')}</h2>
      <div class="field">
        <label for="reading-sample-rate">{i18n.t('options.advanced.sampleRate')}</label>
        <select
          id="reading-sample-rate"
          value={String(settings.sampleRate)}
          aria-describedby={describedBy('reading-sample-rate-hint', errors.sampleRate && 'reading-sample-rate-error')}
          onChange={(e) => {
            const rate = Number(e.currentTarget.value);
            void save(
              { sampleRate: rate },
              'sampleRate',
              i18n.t('options.advanced.savedSampleRate', { rate: formatValue(rate, 'Hz') }),
            );
          }}
        >
          {SAMPLE_RATE_OPTIONS.map((o) => (
            <option key={o.value} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
        <p id="reading-sample-rate-hint" class="hint">
          {SAMPLE_RATE_HELP}
        </p>
        <FieldError id="reading-sample-rate-error" text={errors.sampleRate} />
      </div>
      <StatusLine status={status} testId="advanced-status" />
      <TransferSection settings={settings} />
    </section>
  );
}
