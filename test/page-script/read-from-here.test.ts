// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createReadFromHere, paragraphOf } from '../../entrypoints/page-script/read-from-here';
import { fromPage, simulateTrustedInput } from '../dom/trusted-input';

simulateTrustedInput(); // the events these tests dispatch stand for the user's input

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const click = (el: Element, init: MouseEventInit) =>
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }));

afterEach(() => setBody(''));

describe('read from here', () => {
  it('finds the paragraph around a point inside inline markup', () => {
    setBody('<article><p id="p"><b id="b">Bold</b> words.</p></article>');
    expect(paragraphOf(document.getElementById('b')!.firstChild)).toBe(document.getElementById('p'));
  });

  it('Alt+click on a paragraph asks to read from it, and the read takes that paragraph once', () => {
    setBody('<p id="one">First.</p><p id="two"><span id="s">Second</span> one.</p>');
    const chosen: Element[] = [];
    const r = createReadFromHere({ document, onRead: (el) => chosen.push(el) });
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, altKey: true });
    document.getElementById('s')!.dispatchEvent(event);
    expect(chosen).toEqual([document.getElementById('two')]);
    expect(event.defaultPrevented).toBe(true);
    expect(r.takeTarget()).toBe(document.getElementById('two'));
    // Consumed: a later plain read does not start there again (falls back to the hovered element: none here).
    expect(r.takeTarget()).toBeNull();
    r.destroy();
  });

  it('ignores what the page’s own script dispatches: Alt+click, right-click, pointer moves, the paragraph button', () => {
    setBody('<p id="one">First.</p><p id="two">Second.</p>');
    const chosen: Element[] = [];
    const r = createReadFromHere({ document, onRead: (el) => chosen.push(el), shadowMode: 'open' });
    r.setParagraphButtons(true);
    const one = document.getElementById('one')!;
    one.dispatchEvent(fromPage(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, altKey: true })));
    one.dispatchEvent(fromPage(new MouseEvent('contextmenu', { bubbles: true })));
    one.dispatchEvent(fromPage(new PointerEvent('pointermove', { bubbles: true })));
    expect(document.querySelector('vocalid-paragraph-play')).toBeNull();
    // The user's pointer shows the button; a click the page makes on it still starts nothing.
    one.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    const button = document.querySelector('vocalid-paragraph-play')!.shadowRoot!.querySelector('button')!;
    button.dispatchEvent(fromPage(new MouseEvent('click', { bubbles: true })));
    expect(chosen).toEqual([]);
    expect(r.takeTarget()).toBeNull(); // nothing chosen, nothing right-clicked (happy-dom has no :hover)
    r.destroy();
  });

  it('leaves plain clicks, and Alt+clicks on links, to the page', () => {
    setBody('<p id="p">Text with <a id="a" href="#x">a link</a>.</p>');
    const chosen: Element[] = [];
    const r = createReadFromHere({ document, onRead: (el) => chosen.push(el) });
    click(document.getElementById('p')!, {});
    click(document.getElementById('a')!, { altKey: true });
    expect(chosen).toEqual([]);
    r.destroy();
  });

  it('remembers the element last right-clicked, for the context-menu item', () => {
    setBody('<p id="one">First.</p><p id="two">Second.</p>');
    const r = createReadFromHere({ document, onRead: () => undefined });
    document.getElementById('one')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    document.getElementById('two')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(r.takeTarget()).toBe(document.getElementById('two'));
    r.destroy();
    // After destroy nothing is recorded any more.
    document.getElementById('one')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(r.takeTarget()).toBeNull();
  });

  it('shows a play button beside the paragraph under the pointer only when the setting is on', () => {
    setBody('<p id="one">First paragraph.</p>');
    const chosen: Element[] = [];
    const r = createReadFromHere({ document, onRead: (el) => chosen.push(el), shadowMode: 'open' });
    const move = () =>
      document.getElementById('one')!.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    move();
    expect(document.querySelector('vocalid-paragraph-play')).toBeNull();
    r.setParagraphButtons(true);
    move();
    const host = document.querySelector('vocalid-paragraph-play') as HTMLElement;
    expect(host.style.getPropertyValue('display')).toBe('block');
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toMatch(/read aloud from this paragraph/i);
    button.click();
    expect(chosen).toEqual([document.getElementById('one')]);
    r.setParagraphButtons(false);
    expect(document.querySelector('vocalid-paragraph-play')).toBeNull();
    r.destroy();
  });
});
