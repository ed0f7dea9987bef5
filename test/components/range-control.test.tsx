// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { RangeControl } from '../../components/RangeControl';

afterEach(() => render(null, document.body));

function show(value: number, commits: number[]): void {
  render(
    <RangeControl
      id="volume"
      label="Volume"
      min={0}
      max={100}
      step={5}
      value={value}
      format={(v) => `${v} %`}
      onCommit={(v) => commits.push(v)}
    />,
    document.body,
  );
}

/** One arrow-key step as the browser reports it: input, then change. */
async function step(input: HTMLInputElement, to: number): Promise<void> {
  await act(() => {
    input.value = String(to);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('a range setting saved on each step', () => {
  it('keeps the newest step when the answer for an earlier step arrives after it', async () => {
    const commits: number[] = [];
    await act(() => show(100, commits));
    const input = document.getElementById('volume') as HTMLInputElement;
    await step(input, 95);
    await step(input, 90);
    // The stored value for the first step comes back only now.
    await act(() => show(95, commits));
    expect(input.value).toBe('90');
    expect(input.getAttribute('aria-valuetext')).toBe('90 %');
    await act(() => show(90, commits));
    expect(input.value).toBe('90');
    expect(commits).toEqual([95, 90]);
  });

  it('follows a change made elsewhere when nothing of its own is pending', async () => {
    const commits: number[] = [];
    await act(() => show(100, commits));
    await act(() => show(40, commits));
    const input = document.getElementById('volume') as HTMLInputElement;
    expect(input.value).toBe('40');
    expect(commits).toEqual([]);
  });
});
