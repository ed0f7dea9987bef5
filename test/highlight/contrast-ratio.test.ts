import { describe, expect, it } from 'vitest';
import { contrastRatio, readableOn, relativeLuminance } from '../../utils/highlight/contrast-ratio';
import { parseCssColor, type Rgb } from '../../utils/highlight/rgb-color';
import { wcagContrast } from './wcag';

const c = (css: string): Rgb => parseCssColor(css)!;

describe('WCAG contrast ratio', () => {
  it('spans 1:1 to 21:1 and is symmetric', () => {
    expect(contrastRatio(c('#000'), c('#fff'))).toBeCloseTo(21, 6);
    expect(contrastRatio(c('#fff'), c('#000'))).toBeCloseTo(21, 6);
    expect(contrastRatio(c('#3a7'), c('#3a7'))).toBe(1);
  });

  it('gives the well-known thresholds: #767676 passes 4.5:1 on white, #777777 just fails', () => {
    expect(contrastRatio(c('#767676'), c('#ffffff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(c('#777777'), c('#ffffff'))).toBeLessThan(4.5);
  });

  it('matches the formula written out independently, over many colours', () => {
    for (let i = 0; i < 200; i++) {
      const x = [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256] as [number, number, number];
      const y = [(i * 17) % 256, (i * 29) % 256, (i * 211) % 256] as [number, number, number];
      const mine = contrastRatio({ r: x[0], g: x[1], b: x[2], a: 1 }, { r: y[0], g: y[1], b: y[2], a: 1 });
      expect(mine).toBeCloseTo(wcagContrast(x, y), 3);
    }
  });

  it('weights green most: pure green is lighter than pure red, red lighter than blue', () => {
    expect(relativeLuminance(c('#00ff00'))).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance(c('#ff0000'))).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance(c('#0000ff'))).toBeCloseTo(0.0722, 4);
  });

  it('readableOn picks the text colour that contrasts more, and it always reaches 4.5:1', () => {
    expect(readableOn(c('#fff3a3'))).toEqual(c('#000'));
    expect(readableOn(c('#1a237e'))).toEqual(c('#fff'));
    for (let v = 0; v <= 255; v += 5) {
      const grey = { r: v, g: v, b: v, a: 1 };
      expect(contrastRatio(grey, readableOn(grey))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
