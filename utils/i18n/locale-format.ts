import { uiLanguage } from './ui-language';

/** Numbers, percentages and durations in the UI language (digits, separators and unit words from Intl / CLDR). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(uiLanguage(), options).format(value);
}

export function formatPercent(fraction: number): string {
  return formatNumber(fraction, { style: 'percent', maximumFractionDigits: 0 });
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
