import { describe, expect, it } from 'vitest';
import {
  checkPatch,
  formatValue,
  GRANULARITY_OPTIONS,
  NUMBER_FIELDS,
  parseNumberDraft,
  readableTextColor,
  SAMPLE_RATE_OPTIONS,
  toColorInputValue,
} from '../../components/options/reading-fields';
import { LIMITS, SAMPLE_RATES, validateSettingsPatch } from '../../utils/settings/settings-schema';

describe('reading and display fields', () => {
  it('offer only what the schema accepts: every bound and step of a number field is a valid value', () => {
    for (const spec of Object.values(NUMBER_FIELDS)) {
      expect(spec.max).toBe(LIMITS[spec.field].max);
      if (spec.minExclusive) expect(spec.min).toBeGreaterThan(LIMITS[spec.field].min);
      else expect(spec.min).toBe(LIMITS[spec.field].min);
      for (const v of [spec.min, spec.min + spec.step, spec.max])
        expect(() => validateSettingsPatch({ [spec.field]: v })).not.toThrow();
    }
    expect(SAMPLE_RATE_OPTIONS.map((o) => o.value)).toEqual(SAMPLE_RATES);
    expect(SAMPLE_RATE_OPTIONS.find((o) => o.value === 22050)?.label).toBe('22,050 Hz (default)');
    expect(GRANULARITY_OPTIONS.map((o) => o.value)).toEqual(['sentence', 'word', 'off']);
  });

  it('labels are unique on the page and differ from the preset editor’s', () => {
    const labels = Object.values(NUMBER_FIELDS).map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const taken of ['Pitch', 'Rate', 'Preset']) expect(labels).not.toContain(taken);
  });

  it('parse typed numbers: the cleaned patch, or a message naming the field and its range', () => {
    expect(parseNumberDraft('rate', ' 1.25 ')).toEqual({ ok: true, patch: { rate: 1.25 } });
    expect(parseNumberDraft('cacheCapMB', '500')).toEqual({ ok: true, patch: { cacheCapMB: 500 } });
    expect(parseNumberDraft('pitch', '')).toEqual({
      ok: false,
      message: 'Default pitch: enter a number greater than 0, at most 10.',
    });
    expect(parseNumberDraft('sentencePauseMs', 'abc')).toEqual({
      ok: false,
      message: 'Default pause after each sentence: enter a number from 0 to 5000.',
    });
    const zero = parseNumberDraft('pitch', '0');
    expect(zero.ok).toBe(false);
    expect(!zero.ok && zero.message).toMatch(/Pitch must be greater than 0 and at most 10 \(got 0\)/);
    const big = parseNumberDraft('cacheCapMB', '5');
    expect(!big.ok && big.message).toMatch(/Cache size \(MB\) must be between 10 and 10240 \(got 5\)/);
  });

  it('check other patches through the schema', () => {
    expect(checkPatch({ highlightGranularity: 'off' })).toEqual({ ok: true, patch: { highlightGranularity: 'off' } });
    expect(checkPatch({ highlightSentenceColor: 'red;}*{x:y' })).toEqual({
      ok: false,
      message: 'Sentence highlight colour must be a CSS colour such as #ffee88.',
    });
    expect(checkPatch({ sampleRate: 12345 }).ok).toBe(false);
  });

  it('format values for the status line', () => {
    expect(formatValue(1.5, '×')).toBe('1.5 ×');
    expect(formatValue(1.2, '')).toBe('1.2');
    expect(formatValue(22050, 'Hz')).toBe('22,050 Hz');
    expect(formatValue(1500, 'ms')).toBe('1,500 ms');
    expect(formatValue(100, 'MB')).toBe('100 MB');
  });

  it('turn stored CSS colours into the colour input’s #rrggbb, or null when the browser must resolve them', () => {
    expect(toColorInputValue('#FFF3A3')).toBe('#fff3a3');
    expect(toColorInputValue('#fa0')).toBe('#ffaa00');
    expect(toColorInputValue('#ffaa0080')).toBe('#ffaa00');
    expect(toColorInputValue('#fa08')).toBe('#ffaa00');
    expect(toColorInputValue(' rgb(255, 240, 150) ')).toBe('#fff096');
    expect(toColorInputValue('rgba(0 128 255 / 50%)')).toBe('#0080ff');
    expect(toColorInputValue('rgb(300, 0, 0)')).toBeNull();
    expect(toColorInputValue('yellow')).toBeNull();
    expect(toColorInputValue('hsl(50 100% 80%)')).toBeNull();
  });

  it('pick black or white preview text, whichever reads better on the highlight', () => {
    expect(readableTextColor('#fff3a3')).toBe('#000000');
    expect(readableTextColor('#ffc94d')).toBe('#000000');
    expect(readableTextColor('#1a237e')).toBe('#ffffff');
    expect(readableTextColor('#000000')).toBe('#ffffff');
    // Whatever the colour, the chosen text reaches WCAG AA (4.5:1).
    const lum = (hex: string) => {
      const c = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    for (let g = 0; g < 256; g += 5) {
      for (const bg of [
        `#${g.toString(16).padStart(2, '0').repeat(3)}`,
        `#ff${g.toString(16).padStart(2, '0')}00`,
        `#00${g.toString(16).padStart(2, '0')}ff`,
      ]) {
        const [a, b] = [lum(bg), lum(readableTextColor(bg))].sort((x, y) => y - x);
        expect((a! + 0.05) / (b! + 0.05)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
