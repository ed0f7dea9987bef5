// A warning beside a highlight colour that text cannot be read on, neither on a typical light page (dark text)
// nor on a typical dark page (light text): the page changes such a colour almost everywhere
// (utils/highlight/highlight-palette.ts), so the person learns why the highlight does not look as chosen.
import { i18n } from '../../utils/i18n/i18n';
import { readableOnTypicalPages } from '../../utils/highlight/highlight-palette';
import { parseCssColor } from '../../utils/highlight/rgb-color';

function unreadable(color: string): boolean {
  const rgb = parseCssColor(color);
  if (!rgb) return false;
  const fits = readableOnTypicalPages(rgb);
  return !fits.light && !fits.dark;
}

/** The warning's id when `color` gets one (for the input's aria-describedby), else undefined. */
export function highlightColorWarningId(inputId: string, color: string): string | undefined {
  return unreadable(color) ? `${inputId}-contrast` : undefined;
}

export function HighlightColorWarning({ inputId, color }: { inputId: string; color: string }) {
  const id = highlightColorWarningId(inputId, color);
  if (!id) return null;
  return (
    <p id={id} class="field-error field-warning" data-testid={id}>
      {i18n.t('display.contrastWarning')}
    </p>
  );
}
