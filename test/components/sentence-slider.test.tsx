// @vitest-environment happy-dom
// The position slider (components/SentenceSlider.tsx) under keys pressed faster than seeks complete. Found by the
// transport e2e: three quick arrows from sentence 1, the reading reaching sentence 2 between the second and third
// press, sent seeks to 2, 3 and 3 — the third press counted from the reading's sentence, not from the slider's.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SentenceSlider } from '../../components/SentenceSlider';
import type { SliderSeek } from '../../utils/reading/seek-target';

afterEach(() => render(null, document.body));

let seeks: SliderSeek[] = [];
function show(index: number): Promise<void> {
  return act(() =>
    render(<SentenceSlider id="position" index={index} total={16} onSeek={(t) => seeks.push(t)} />, document.body),
  );
}
const slider = () => document.getElementById('position') as HTMLInputElement;
const press = (key: string) =>
  act(() => {
    slider().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });

describe('the position slider', () => {
  it('counts quick arrows from where the slider is while the reading catches up', async () => {
    seeks = [];
    await show(0);
    await press('ArrowRight');
    await press('ArrowRight');
    await show(1); // the first seek lands; the second is still on its way
    await press('ArrowRight');
    expect(seeks).toEqual([{ sentence: 1 }, { sentence: 2 }, { sentence: 3 }]);
    expect(slider().getAttribute('aria-valuetext')).toBe('Sentence 4 of 16');
    await show(2);
    expect(slider().getAttribute('aria-valuetext')).toBe('Sentence 4 of 16');
    await show(3);
    expect(slider().getAttribute('aria-valuetext')).toBe('Sentence 4 of 16');
  });

  it('shows the reading once it reached the slider, wherever it goes next', async () => {
    seeks = [];
    await show(5);
    await press('ArrowRight');
    await show(6);
    // The page player (or Page Down) moves the reading back, inside the range the slider last moved over.
    await show(5);
    expect(slider().getAttribute('aria-valuetext')).toBe('Sentence 6 of 16');
  });

  it('drops its own position when the reading goes elsewhere before reaching it', async () => {
    seeks = [];
    await show(4);
    await press('ArrowLeft');
    await show(5); // the sentence playing ended before the seek back landed
    expect(slider().getAttribute('aria-valuetext')).toBe('Sentence 6 of 16');
  });
});
