/**
 * Colours come from settings and end up in CSS text (the `::highlight()` rules). Only plain colour syntax is let
 * through — no braces, semicolons, quotes or url() — so a stored value can never inject other rules into the page.
 */
const COLOR =
  /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\([0-9a-z.,%\s/+-]{1,80}\))$/i;

export function safeCssColor(value: string | undefined, fallback: string): string {
  const v = (value ?? '').trim();
  return COLOR.test(v) ? v : fallback;
}
