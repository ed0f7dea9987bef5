// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HighlightColorWarning, highlightColorWarningId } from '../../components/options/HighlightColorWarning';
import { wcagContrast } from '../highlight/wcag';

afterEach(() => render(null, document.body));

describe('warning beside a highlight colour', () => {
  it('warns about a mid-tone that reads neither with dark nor with light page text', () => {
    // Pure red: below 4.5:1 with near-black text and with light grey text, by the formula.
    expect(wcagContrast('#ff0000', '#1f1f1f')).toBeLessThan(4.5);
    expect(wcagContrast('#ff0000', '#e3e3e3')).toBeLessThan(4.5);
    render(<HighlightColorWarning inputId="reading-sentence-color" color="#ff0000" />, document.body);
    const warning = document.getElementById('reading-sentence-color-contrast');
    expect(warning?.textContent).toMatch(/hard to read/);
    expect(highlightColorWarningId('reading-sentence-color', '#ff0000')).toBe('reading-sentence-color-contrast');
  });

  it('says nothing for colours that read on light pages (the default) or on dark pages', () => {
    for (const color of ['#fff3a3', '#ffc94d', '#1a237e', 'not a colour']) {
      render(<HighlightColorWarning inputId="x" color={color} />, document.body);
      expect(document.body.textContent, color).toBe('');
      expect(highlightColorWarningId('x', color)).toBeUndefined();
    }
  });
});
