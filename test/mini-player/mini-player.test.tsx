// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountMiniPlayer, type MiniPlayerHandle } from '../../components/mini-player/mount-mini-player';
import type { MiniPlayerAction, MiniPlayerState } from '../../components/mini-player/mini-player-types';
import { fromPage, simulateTrustedInput } from '../dom/trusted-input';

simulateTrustedInput(); // the events these tests dispatch stand for the user's input

const playing: MiniPlayerState = { status: 'playing', index: 2, total: 12, rate: 1, remainingMs: 130_000 };

let handle: MiniPlayerHandle | null = null;

function mount(state: MiniPlayerState = playing): { handle: MiniPlayerHandle; actions: MiniPlayerAction[] } {
  const actions: MiniPlayerAction[] = [];
  handle = mountMiniPlayer({ onAction: (a) => actions.push(a), shadowMode: 'open', initialState: state });
  return { handle, actions };
}

const buttons = (h: MiniPlayerHandle): HTMLButtonElement[] => Array.from(h.shadowRoot.querySelectorAll('button'));
const byLabel = (h: MiniPlayerHandle, label: string): HTMLButtonElement =>
  buttons(h).find((b) => b.getAttribute('aria-label') === label)!;
const statusText = (h: MiniPlayerHandle): string => h.shadowRoot.querySelector('[role="status"]')!.textContent!.trim();

/** Lets Preact run its effects (scheduled after render). */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

afterEach(() => {
  handle?.destroy();
  handle = null;
  vi.restoreAllMocks();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('mini player', () => {
  it('is a labelled region whose controls are named native buttons in a sensible Tab order', () => {
    const { handle } = mount();
    const region = handle.shadowRoot.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toMatch(/reading controls/i);
    const all = buttons(handle);
    expect(all.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Move player',
      'Previous paragraph',
      'Previous sentence',
      'Pause',
      'Next sentence',
      'Next paragraph',
      'Stop',
      'Slower',
      'Faster',
    ]);
    for (const b of all) {
      // Native buttons: Enter and Space activate them (HTML activation behaviour), Tab reaches them in DOM order.
      expect(b.type).toBe('button');
      expect(b.disabled).toBe(false);
      expect(b.hasAttribute('tabindex')).toBe(false);
      b.focus();
      expect(handle.shadowRoot.activeElement).toBe(b);
    }
  });

  it('calls onAction with the right action for each control', () => {
    const { handle, actions } = mount();
    const expected: [string, MiniPlayerAction][] = [
      ['Previous paragraph', 'prev-paragraph'],
      ['Previous sentence', 'prev-sentence'],
      ['Pause', 'toggle'],
      ['Next sentence', 'next-sentence'],
      ['Next paragraph', 'next-paragraph'],
      ['Slower', 'slower'],
      ['Faster', 'faster'],
      ['Stop', 'stop'],
    ];
    for (const [label] of expected) byLabel(handle, label).click();
    expect(actions).toEqual(expected.map(([, a]) => a));
  });

  it('ignores clicks and keys the page’s own script dispatches at its controls', () => {
    const { handle, actions } = mount();
    const before = handle.host.getAttribute('style');
    for (const b of buttons(handle)) b.dispatchEvent(fromPage(new MouseEvent('click', { bubbles: true })));
    byLabel(handle, 'Move player').dispatchEvent(
      fromPage(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true })),
    );
    expect(actions).toEqual([]);
    expect(handle.host.getAttribute('style')).toBe(before);
  });

  it('shows progress, rate and time left, and the play button follows the status', async () => {
    const { handle } = mount({ ...playing, status: 'paused' });
    expect(byLabel(handle, 'Play')).toBeDefined();
    expect(handle.shadowRoot.querySelector('[data-testid="progress"]')!.textContent).toBe(
      'Sentence 3 of 12, about 2 min left',
    );
    expect(handle.shadowRoot.querySelector('[data-testid="rate"]')!.textContent).toBe('1×');
    handle.update({ ...playing, rate: 1.25 });
    await settle();
    expect(byLabel(handle, 'Pause')).toBeDefined();
    expect(handle.shadowRoot.querySelector('[data-testid="rate"]')!.textContent).toBe('1.25×');
  });

  it('announces state changes politely: play/pause, speed, stop, and navigation the user asked for', async () => {
    const { handle } = mount({ ...playing, status: 'loading', index: 0 });
    const region = handle.shadowRoot.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    await settle();

    handle.update({ ...playing });
    await settle();
    expect(statusText(handle)).toBe('Playing');

    handle.update({ ...playing, status: 'paused' });
    await settle();
    expect(statusText(handle)).toBe('Paused');

    handle.update({ ...playing, status: 'paused', rate: 1.5 });
    await settle();
    expect(statusText(handle)).toBe('Speed 1.5×');

    // An automatic advance is not announced (it would talk over the voice)…
    handle.update({ ...playing, status: 'paused', rate: 1.5, index: 3 });
    await settle();
    expect(statusText(handle)).toBe('Speed 1.5×');

    // …a requested one is, with the position and time left.
    byLabel(handle, 'Next sentence').click();
    handle.update({ ...playing, status: 'paused', rate: 1.5, index: 4, remainingMs: 65_000 });
    await settle();
    expect(statusText(handle)).toBe('Sentence 5 of 12, about 1 min left');

    handle.update({ ...playing, status: 'stopped', rate: 1.5, index: 4 });
    await settle();
    expect(statusText(handle)).toBe('Stopped');
  });

  it('shows an error with its action and Close instead of the controls; a notice in place of the progress', async () => {
    const { handle, actions } = mount({
      ...playing,
      message: { kind: 'notice', text: "Can't reach the VocaliD server right now. Still trying…" },
    });
    expect(handle.shadowRoot.querySelector('[data-testid="message"]')?.textContent).toContain('Still trying');
    expect(handle.shadowRoot.querySelector('[data-testid="progress"]')).toBeNull();
    expect(byLabel(handle, 'Pause')).toBeDefined();

    handle.update({
      ...playing,
      status: 'error',
      message: { kind: 'error', text: 'Connect your VocaliD account to read aloud.', action: 'connect' },
    });
    await settle();
    const alert = handle.shadowRoot.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('Connect your VocaliD account to read aloud.');
    const labels = buttons(handle).map((b) => b.textContent?.trim() || b.getAttribute('aria-label'));
    expect(labels).toEqual(['Move player', 'Connect your VocaliD account', 'Close']);
    buttons(handle)[1]!.click();
    buttons(handle)[2]!.click();
    expect(actions).toEqual(['error-action', 'dismiss']);
  });

  it('keeps page styles out: own styles in the shadow root, host reset with all: initial', () => {
    const page = document.createElement('style');
    page.textContent = '* { all: unset } button { display: none !important; cursor: wait !important }';
    document.head.append(page);
    const { handle } = mount();
    const root = handle.shadowRoot;
    const own = [
      ...Array.from(root.adoptedStyleSheets ?? []).flatMap((s) => Array.from(s.cssRules).map((r) => r.cssText)),
      ...Array.from(root.querySelectorAll('style')).map((s) => s.textContent ?? ''),
    ].join('\n');
    expect(own).toContain('focus-visible');
    expect(handle.host.style.getPropertyValue('all')).toBe('initial');
    expect(handle.host.style.getPropertyPriority('all')).toBe('important');
    const b = byLabel(handle, 'Stop');
    const cs = getComputedStyle(b);
    expect(cs.display).not.toBe('none');
    expect(cs.cursor).toBe('pointer');
    // Nothing of ours leaks into the page: the document holds only the host element.
    expect(document.querySelectorAll('style').length).toBe(1);
  });

  it('moves with the arrow keys on the handle (Shift for bigger steps) and by dragging', () => {
    const { handle } = mount();
    let box = new DOMRect(700, 600, 300, 80);
    vi.spyOn(handle.host, 'getBoundingClientRect').mockImplementation(() => box);
    const handleButton = byLabel(handle, 'Move player');
    const key = (k: string, shiftKey = false): boolean =>
      handleButton.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true }));

    expect(key('ArrowLeft')).toBe(false); // default prevented: the page does not scroll
    expect(handle.host.style.getPropertyValue('left')).toBe('690px');
    expect(handle.host.style.getPropertyValue('top')).toBe('600px');
    expect(handle.host.style.getPropertyValue('right')).toBe('auto');

    box = new DOMRect(690, 600, 300, 80);
    key('ArrowUp', true);
    expect(handle.host.style.getPropertyValue('top')).toBe('550px');

    box = new DOMRect(690, 550, 300, 80);
    key('ArrowDown', true); // clamped to the viewport: 768 - 80
    key('ArrowDown', true);
    key('ArrowDown', true);
    expect(Number.parseFloat(handle.host.style.getPropertyValue('top'))).toBeLessThanOrEqual(768 - 80);

    box = new DOMRect(690, 550, 300, 80);
    handleButton.dispatchEvent(
      new PointerEvent('pointerdown', { clientX: 10, clientY: 10, button: 0, pointerId: 1, bubbles: true }),
    );
    handleButton.dispatchEvent(
      new PointerEvent('pointermove', { clientX: 30, clientY: 25, pointerId: 1, bubbles: true }),
    );
    expect(handle.host.style.getPropertyValue('left')).toBe('710px');
    expect(handle.host.style.getPropertyValue('top')).toBe('565px');
    handleButton.dispatchEvent(
      new PointerEvent('pointerup', { clientX: 30, clientY: 25, pointerId: 1, bubbles: true }),
    );
    handleButton.dispatchEvent(
      new PointerEvent('pointermove', { clientX: 90, clientY: 90, pointerId: 1, bubbles: true }),
    );
    expect(handle.host.style.getPropertyValue('left')).toBe('710px');
  });

  it('jumps to the opposite corner when it would cover the sentence being read', () => {
    const { handle } = mount();
    vi.spyOn(handle.host, 'getBoundingClientRect').mockReturnValue(new DOMRect(700, 670, 300, 80));
    handle.setAvoidRect({ left: 600, top: 500, width: 300, height: 40 }); // not covered: stays
    expect(handle.host.style.getPropertyValue('top')).toBe('');
    handle.setAvoidRect({ left: 100, top: 680, width: 800, height: 40 });
    expect(handle.host.style.getPropertyValue('top')).toBe('16px');
    expect(handle.host.style.getPropertyValue('left')).toBe('700px');
  });

  it('removes itself completely on destroy', () => {
    const before = document.documentElement.outerHTML;
    const { handle } = mount();
    expect(document.querySelector('vocalid-mini-player')).not.toBeNull();
    handle.destroy();
    expect(document.documentElement.outerHTML).toBe(before);
  });
});

describe('mini player transport', () => {
  const seeks = (state: MiniPlayerState = playing) => {
    const got: unknown[] = [];
    const volumes: number[] = [];
    handle = mountMiniPlayer({
      onAction: () => undefined,
      onSeek: (t) => got.push(t),
      onVolume: (v) => volumes.push(v),
      shadowMode: 'open',
      initialState: state,
    });
    return { handle, got, volumes };
  };
  const slider = (h: MiniPlayerHandle, id: string) => h.shadowRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

  it('has a position slider announced as "Sentence i of n", moved by sentence, paragraph, Home and End', async () => {
    const { handle, got } = seeks();
    const pos = slider(handle, 'vocalid-position');
    expect(pos.getAttribute('aria-valuetext')).toBe('Sentence 3 of 12');
    key(pos, 'ArrowRight');
    await settle();
    expect(pos.getAttribute('aria-valuetext')).toBe('Sentence 4 of 12');
    key(pos, 'ArrowRight'); // from where the slider now is, not from where the reading still is
    key(pos, 'PageUp');
    key(pos, 'End');
    expect(got).toEqual([{ sentence: 3 }, { sentence: 4 }, { to: 'next-paragraph' }, { sentence: 11 }]);
    // The reading arrives: the slider shows it.
    handle.update({ ...playing, index: 11 });
    await settle();
    expect(pos.getAttribute('aria-valuetext')).toBe('Sentence 12 of 12');
  });

  it('does not let the page’s script move the reading through the slider', () => {
    const { handle, got } = seeks();
    slider(handle, 'vocalid-position').dispatchEvent(fromPage(new KeyboardEvent('keydown', { key: 'End' })));
    expect(got).toEqual([]);
  });

  it('has a volume slider showing the setting and reporting the new volume when let go', () => {
    const { handle, volumes } = seeks({ ...playing, volume: 0.4 });
    const vol = slider(handle, 'vocalid-volume');
    expect(vol.value).toBe('40');
    expect(vol.getAttribute('aria-valuetext')).toBe('40 %');
    vol.value = '70';
    vol.dispatchEvent(new Event('change', { bubbles: true }));
    expect(volumes).toEqual([0.7]);
  });

  it('puts a "Skip to reading controls" link first in the page that moves focus to the player', () => {
    const pageLink = document.createElement('a');
    pageLink.href = '#a';
    pageLink.textContent = 'first page link';
    document.body.append(pageLink);
    const { handle } = seeks();
    const skipHost = document.body.firstElementChild!;
    expect(skipHost.tagName.toLowerCase()).toBe('vocalid-skip-link');
    const link = skipHost.shadowRoot!.querySelector('a')!;
    expect(link.textContent).toBe('Skip to reading controls');
    link.click();
    expect(handle.shadowRoot.activeElement?.getAttribute('data-action')).toBe('toggle');
    handle.destroy();
    expect(document.querySelector('vocalid-skip-link')).toBeNull();
  });
});
