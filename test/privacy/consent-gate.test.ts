import { describe, expect, it, vi } from 'vitest';
import { createConsentGate, type ConsentGateDeps } from '../../utils/privacy/consent-gate';

function setup(initial: Record<string, 'always' | 'never'> = {}, timeoutMs = 5_000) {
  const siteConsent = { ...initial };
  const prompts: { id: string; siteKey: string; chars: number; closed: boolean }[] = [];
  const deps: ConsentGateDeps = {
    getSettings: async () => ({ siteConsent: { ...siteConsent }, denyList: ['blocked.example'] }),
    remember: async (site, decision) => {
      siteConsent[site] = decision;
    },
    openPrompt: async (id, d) => {
      const entry = { id, siteKey: d.siteKey, chars: d.chars, closed: false };
      prompts.push(entry);
      return async () => {
        entry.closed = true;
      };
    },
    timeoutMs,
  };
  const gate = createConsentGate(deps);
  const answerNext = async (answer: 'once' | 'always' | 'never' | 'dismissed') => {
    await vi.waitFor(() => expect(prompts.some((p) => !p.closed)).toBe(true));
    const open = prompts.find((p) => !p.closed)!;
    expect(gate.answer(open.id, answer)).toBe(true);
  };
  return { gate, prompts, siteConsent, answerNext };
}

const req = (url: string) => ({ url, chars: 321, baseUrl: 'https://vocalid.co' });

describe('consent gate', () => {
  it('"always" lets the reading through, is stored for the origin, and is not asked again', async () => {
    const t = setup();
    const first = t.gate.check(req('https://a.example/1'));
    await t.answerNext('always');
    expect(await first).toEqual({ ok: true });
    expect(t.siteConsent).toEqual({ 'https://a.example': 'always' });
    expect(t.prompts).toHaveLength(1);
    expect(t.prompts[0]).toMatchObject({ siteKey: 'https://a.example', chars: 321, closed: true });
    expect(await t.gate.check(req('https://a.example/2'))).toEqual({ ok: true });
    expect(t.prompts).toHaveLength(1);
  });

  it('"never" stops the reading, is stored, and later readings stop without asking', async () => {
    const t = setup();
    const first = t.gate.check(req('https://b.example/'));
    await t.answerNext('never');
    expect(await first).toMatchObject({ ok: false, code: 'privacy_denied' });
    expect(await t.gate.check(req('https://b.example/x'))).toMatchObject({ ok: false, code: 'privacy_denied' });
    expect(t.prompts).toHaveLength(1);
  });

  it('"once" lets this reading through, stores nothing, and asks again next time', async () => {
    const t = setup();
    const first = t.gate.check(req('https://c.example/'));
    await t.answerNext('once');
    expect(await first).toEqual({ ok: true });
    expect(t.siteConsent).toEqual({});
    const second = t.gate.check(req('https://c.example/'));
    await t.answerNext('dismissed');
    // Closing the question (Esc, the window's close button) is a choice: say so, and offer to ask again.
    expect(await second).toMatchObject({
      ok: false,
      code: 'privacy_closed',
      action: 'retry',
      message: expect.stringMatching(/you closed the privacy question/),
    });
    expect(t.prompts).toHaveLength(2);
  });

  it('tells the reading when the question is shown, and only then', async () => {
    const t = setup({ 'https://e.example': 'always' });
    const asked: string[] = [];
    expect(await t.gate.check(req('https://e.example/'), { onAsk: () => asked.push('e') })).toEqual({ ok: true });
    const pending = t.gate.check(req('https://f.example/'), { onAsk: () => asked.push('f') });
    await t.answerNext('once');
    expect(await pending).toEqual({ ok: true });
    expect(asked).toEqual(['f']);
  });

  it('a reading stopped while the question is open closes it and sends nothing', async () => {
    const t = setup();
    const stop = new AbortController();
    const pending = t.gate.check(req('https://g.example/'), { signal: stop.signal });
    await vi.waitFor(() => expect(t.prompts).toHaveLength(1));
    stop.abort();
    expect(await pending).toMatchObject({ ok: false, code: 'privacy_cancelled' });
    expect(t.prompts[0]?.closed).toBe(true);
    expect(t.gate.pendingCount()).toBe(0);
    expect(t.siteConsent).toEqual({});
  });

  it('no answer in time sends nothing and closes the question', async () => {
    const t = setup({}, 50);
    expect(await t.gate.check(req('https://d.example/'))).toMatchObject({
      ok: false,
      code: 'privacy_unanswered',
      action: 'retry',
    });
    expect(t.prompts[0]?.closed).toBe(true);
    expect(t.gate.pendingCount()).toBe(0);
  });

  it('deny-listed sites are refused without asking; unknown request ids are ignored', async () => {
    const t = setup({ 'https://blocked.example': 'always' });
    expect(await t.gate.check(req('https://www.blocked.example/'))).toMatchObject({
      ok: false,
      code: 'privacy_denied',
    });
    expect(t.prompts).toHaveLength(0);
    expect(t.gate.answer('forged-id', 'always')).toBe(false);
  });
});
