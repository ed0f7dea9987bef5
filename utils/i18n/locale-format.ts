import { uiLanguage } from './ui-language';

/** Numbers, percentages and durations in the UI language (digits, separators and unit words from Intl / CLDR). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(uiLanguage(), options).format(value);
}

export function formatPercent(fraction: number): string {
  return formatNumber(fraction, { style: 'percent', maximumFractionDigits: 0 });
}

/**
 * A byte count in the UI language's digits and unit words, megabytes with one decimal ("300.0 MB", "٣٠٠٫٠ م.ب.");
 * how kilobytes and bytes read is the caller's (a cache total shows "1.5 kB", a file limit "512 kB").
 */
export function formatByteSize(
  bytes: number,
  { kilobyteDigits, byteDisplay }: { kilobyteDigits: number; byteDisplay: 'long' | 'short' },
): string {
  const unit = (value: number, name: string, digits: number, unitDisplay: 'long' | 'short' = 'short') =>
    formatNumber(value, {
      style: 'unit',
      unit: name,
      unitDisplay,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (bytes >= 1024 * 1024) return unit(bytes / (1024 * 1024), 'megabyte', 1);
  if (bytes >= 1024) return unit(bytes / 1024, 'kilobyte', kilobyteDigits);
  return unit(bytes, 'byte', 0, byteDisplay);
}

/** "36 minutes", "1 minute", "45 seconds" — the unit's own plural forms in every language. */
export function formatDuration(seconds: number, unitDisplay: 'long' | 'short' = 'long'): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return formatNumber(whole, { style: 'unit', unit: 'second', unitDisplay });
  if (whole < 3600) return formatNumber(Math.round(whole / 60), { style: 'unit', unit: 'minute', unitDisplay });
  const hours = Math.floor(whole / 3600);
  const minutes = Math.round((whole % 3600) / 60);
  const h = formatNumber(hours, { style: 'unit', unit: 'hour', unitDisplay });
  if (minutes === 0) return h;
  const m = formatNumber(minutes, { style: 'unit', unit: 'minute', unitDisplay });
  return new Intl.ListFormat(uiLanguage(), { style: 'narrow', type: 'unit' }).format([h, m]);
}
