// "Sentence 12 of 64": the position as the popup and the page player show it and their sliders announce it.
import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/locale-format';

/** `index` is 0-based; the number said is 1-based, at most `total`. */
export function sentencePosition(index: number, total: number): string {
  return i18n.t('player.sentencePosition', {
    current: formatNumber(Math.min(index + 1, total)),
    total: formatNumber(total),
  });
}
