import { describe, expect, it } from 'vitest';
import {
  colorDifference,
  compositeOver,
  formatRgb,
  hslToRgb,
  parseCssColor,
  rgbToHsl,
  toHex,
} from '../../utils/highlight/rgb-color';

describe('reading CSS colours', () => {
  it('reads hex in all four lengths', () => {
    expect(parseCssColor('#fa0')).toEqual({ r: 255, g: 170, b: 0, a: 1 });
    expect(parseCssColor('#FFAA0080')).toEqual({ r: 255, g: 170, b: 0, a: 128 / 255 });
    expect(parseCssColor('#ffaa00')).toEqual({ r: 255, g: 170, b: 0, a: 1 });
    expect(parseCssColor('#fa08')!.a).toBeCloseTo(0x88 / 255, 6);
  });

  it('reads rgb()/rgba() in the comma and space syntaxes, with percentages and alpha', () => {
    expect(parseCssColor('rgb(18, 18, 18)')).toEqual({ r: 18, g: 18, b: 18, a: 1 });
    expect(parseCssColor('rgba(0, 0, 0, 0.87)')).toEqual({ r: 0, g: 0, b: 0, a: 0.87 });
    expect(parseCssColor('rgb(255 0 0 / 50%)')).toEqual({ r: 255, g: 0, b: 0, a: 0.5 });
    expect(parseCssColor('rgb(100% 0% 50%)')).toEqual({ r: 255, g: 0, b: 127.5, a: 1 });
    expect(parseCssColor('rgba(0, 0, 0, 0)')!.a).toBe(0);
  });

  it('reads hsl() (CSS Color 4 conversion) and color(srgb …)', () => {
    expect(toHex(parseCssColor('hsl(0 100% 50%)')!)).toBe('#ff0000');
    expect(toHex(parseCssColor('hsl(120, 100%, 25%)')!)).toBe('#008000');
    expect(toHex(parseCssColor('hsla(240deg 100% 50% / 0.5)')!)).toBe('#0000ff');
    expect(toHex(parseCssColor('color(srgb 1 0.5 0)')!)).toBe('#ff8000');
  });

  it('knows transparent, black and white, and declines what it cannot read (the page asks the browser)', () => {
    expect(parseCssColor('transparent')!.a).toBe(0);
    expect(parseCssColor('white')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    for (const text of ['rebeccapurple', 'oklch(0.7 0.1 200)', 'rgb(1 2)', '#12345', 'red}body{', ''])
      expect(parseCssColor(text)).toBeNull();
  });
});

describe('colour arithmetic', () => {
  it('HSL round-trips', () => {
    for (const hex of ['#fff3a3', '#ffc94d', '#1a237e', '#777777', '#00ff00']) {
      const c = parseCssColor(hex)!;
      const { h, s, l } = rgbToHsl(c);
      expect(toHex(hslToRgb(h, s, l))).toBe(hex);
    }
  });

  it('composites source-over: half black over white is mid grey, opaque tops win', () => {
    const half = compositeOver({ r: 0, g: 0, b: 0, a: 0.5 }, { r: 255, g: 255, b: 255, a: 1 });
    expect(half).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    expect(compositeOver({ r: 9, g: 8, b: 7, a: 1 }, { r: 255, g: 255, b: 255, a: 1 })).toEqual({
      r: 9,
      g: 8,
      b: 7,
      a: 1,
    });
  });

  it('writes rgb() with rounded channels, and alpha only when translucent', () => {
    expect(formatRgb({ r: 254.6, g: 0.2, b: 300, a: 1 })).toBe('rgb(255 0 255)');
    expect(formatRgb({ r: 1, g: 2, b: 3, a: 0.4 })).toBe('rgb(1 2 3 / 0.4)');
  });

  it('OKLab difference: zero for equal colours, 1 from black to white, small for near neighbours', () => {
    const black = parseCssColor('#000')!;
    const white = parseCssColor('#fff')!;
    expect(colorDifference(white, white)).toBe(0);
    expect(colorDifference(black, white)).toBeCloseTo(1, 3);
    expect(colorDifference(parseCssColor('#808080')!, parseCssColor('#828282')!)).toBeLessThan(0.02);
  });
});
