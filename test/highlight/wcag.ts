// The WCAG 2.x contrast formula written out again for the tests, so the colours the code chooses are checked by a
// second, independent computation (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio).

/** [r, g, b] 0–255 from #rrggbb or `rgb(r g b)` / `rgb(r, g, b)`. */
export function channels(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const nums = /^rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(css.trim());
  if (!nums) throw new Error(`not a colour the tests read: ${css}`);
  return [Number(nums[1]), Number(nums[2]), Number(nums[3])];
}

export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function wcagContrast(a: string | [number, number, number], b: string | [number, number, number]): number {
  const la = luminance(typeof a === 'string' ? channels(a) : a);
  const lb = luminance(typeof b === 'string' ? channels(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
