// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createShadowHost } from '../../utils/dom/shadow-host';

describe('createShadowHost', () => {
  it('resets the host and sets each style !important, after the reset', () => {
    const { host } = createShadowHost(document, 'vocalid-test-host', { position: 'fixed', 'z-index': '7' });
    expect(host.tagName.toLowerCase()).toBe('vocalid-test-host');
    expect(host.style.getPropertyValue('position')).toBe('fixed');
    expect(host.style.getPropertyPriority('position')).toBe('important');
    expect(host.style.getPropertyValue('z-index')).toBe('7');
    expect(host.style.getPropertyPriority('z-index')).toBe('important');
  });

  it('keeps its shadow root from the page unless asked for an open one (test builds)', () => {
    const closed = createShadowHost(document, 'vocalid-closed-host', {});
    expect(closed.host.shadowRoot).toBeNull();
    expect(closed.root).toBeInstanceOf(ShadowRoot);
    const open = createShadowHost(document, 'vocalid-open-host', {}, 'open');
    expect(open.host.shadowRoot).toBe(open.root);
  });

  it('leaves attaching to the caller', () => {
    const { host } = createShadowHost(document, 'vocalid-detached-host', {});
    expect(host.isConnected).toBe(false);
  });
});
