// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutoScroller, type AutoScroller } from '../../utils/highlight/auto-scroll';
import { fromPage, simulateTrustedInput } from '../dom/trusted-input';

simulateTrustedInput(); // the events these tests dispatch stand for the user's input

/** A range whose layout box we choose (happy-dom does no layout). */
function rangeAt(top: number, height = 40): Range {
  const p = document.createElement('p');
  p.textContent = 'Some sentence being read.';
  document.body.append(p);
  const r = document.createRange();
  r.selectNodeContents(p);
  vi.spyOn(r, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, top, 600, height));
  return r;
}

let scroller: AutoScroller | null = null;
let scrollBy: ReturnType<typeof vi.fn>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  scrollBy = vi.fn();
  window.scrollBy = scrollBy as unknown as typeof window.scrollBy;
  Object.defineProperty(window, 'innerHeight', { value: 1000, configurable: true });
});

afterEach(() => {
  scroller?.destroy();
  scroller = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('auto-scroll', () => {
  it('leaves a sentence inside the comfortable band alone', () => {
    scroller = createAutoScroller();
    expect(scroller.follow(rangeAt(400))).toBe(false);
    expect(scrollBy).not.toHaveBeenCalled();
  });

  it('scrolls a sentence below the band up to about a third of the viewport', () => {
    scroller = createAutoScroller({ anchor: 0.3 });
    expect(scroller.follow(rangeAt(950))).toBe(true);
    expect(scrollBy).toHaveBeenCalledTimes(1);
    expect(scrollBy.mock.calls[0]![0]).toMatchObject({ top: 950 - 300 });
  });

  it('scrolls a sentence above the viewport back down into view', () => {
    scroller = createAutoScroller({ anchor: 0.3 });
    scroller.follow(rangeAt(-500));
    expect(scrollBy.mock.calls[0]![0]).toMatchObject({ top: -500 - 300 });
  });

  it('does not back off for wheel, key or scroll events the page’s own script dispatches', () => {
    scroller = createAutoScroller({ backoffMs: 3000 });
    window.dispatchEvent(fromPage(new WheelEvent('wheel', { deltaY: 100 })));
    document.body.dispatchEvent(fromPage(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true })));
    window.dispatchEvent(fromPage(new Event('scroll')));
    expect(scroller.isBackingOff()).toBe(false);
  });

  it('backs off after a user scroll and resumes after the delay', () => {
    scroller = createAutoScroller({ backoffMs: 3000 });
    window.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 }));
    expect(scroller.isBackingOff()).toBe(true);
    expect(scroller.follow(rangeAt(2000))).toBe(false);

    vi.advanceTimersByTime(2900);
    expect(scroller.follow(rangeAt(2000))).toBe(false);
    expect(scrollBy).not.toHaveBeenCalled();

    vi.advanceTimersByTime(200);
    expect(scroller.isBackingOff()).toBe(false);
    expect(scroller.follow(rangeAt(2000))).toBe(true);
    expect(scrollBy).toHaveBeenCalledTimes(1);
  });

  it('treats touch, scroll keys and foreign scroll events as user scrolls, but not typing in a field', () => {
    scroller = createAutoScroller();
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(scroller.isBackingOff()).toBe(false);

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }));
    expect(scroller.isBackingOff()).toBe(true);

    vi.advanceTimersByTime(5000);
    window.dispatchEvent(new Event('touchmove'));
    expect(scroller.isBackingOff()).toBe(true);

    vi.advanceTimersByTime(5000);
    // A scroll nobody asked this module for (scrollbar drag, find in page).
    window.dispatchEvent(new Event('scroll'));
    expect(scroller.isBackingOff()).toBe(true);
  });

  it('does not mistake its own scrolling for the user', () => {
    scroller = createAutoScroller();
    expect(scroller.follow(rangeAt(2000))).toBe(true);
    vi.advanceTimersByTime(100);
    window.dispatchEvent(new Event('scroll')); // the scroll it just started
    expect(scroller.isBackingOff()).toBe(false);
    expect(scroller.follow(rangeAt(2000))).toBe(true);
  });

  it('scrolls smoothly by default and instantly when reduced motion is preferred', () => {
    scroller = createAutoScroller();
    scroller.follow(rangeAt(2000));
    expect(scrollBy.mock.calls[0]![0]).toMatchObject({ behavior: 'smooth' });
    scroller.destroy();

    vi.spyOn(window, 'matchMedia').mockImplementation(
      (q: string) => ({ matches: q.includes('prefers-reduced-motion: reduce'), media: q }) as MediaQueryList,
    );
    scroller = createAutoScroller();
    scroller.follow(rangeAt(2000));
    expect(scrollBy.mock.calls[1]![0]).toMatchObject({ behavior: 'auto' });
  });

  it('stops listening when destroyed', () => {
    scroller = createAutoScroller();
    scroller.destroy();
    window.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 }));
    expect(scroller.isBackingOff()).toBe(false);
  });
});
