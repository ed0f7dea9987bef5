import { describe, expect, it } from 'vitest';
import { createErrorBadge, defaultTitle, ERROR_BADGE_TEXT } from '../../utils/reading/error-badge';
import { idleState, type ReadingState } from '../../utils/reading/reading-state';

function fakeBadge() {
  const calls: string[] = [];
  const badge = { text: '', title: defaultTitle(), color: '' };
  const api = {
    setText: async (t: string) => void (calls.push(`text:${t}`), (badge.text = t)),
    setColor: async (c: string) => void (calls.push(`color:${c}`), (badge.color = c)),
    setTitle: async (t: string) => void (calls.push(`title:${t}`), (badge.title = t)),
  };
  return { api, badge, calls };
}

const state = (patch: Partial<ReadingState>): ReadingState => ({ ...idleState(), sessionId: 's1', ...patch });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('error badge', () => {
  it('marks a failed reading with its message in the title, once per reading', async () => {
    const { api, badge, calls } = fakeBadge();
    const b = createErrorBadge(api);
    b.onSaved(state({ status: 'playing' }));
    await settle();
    expect(badge.text).toBe('');
    const failed = state({ status: 'error', error: { code: 'x', message: "Can't reach the server." } });
    b.onSaved(failed);
    b.onSaved(failed);
    await settle();
    expect(badge.text).toBe(ERROR_BADGE_TEXT);
    expect(badge.title).toContain("Can't reach the server.");
    expect(calls.filter((c) => c.startsWith('text:'))).toHaveLength(1);
  });

  it('a new reading or closing the error clears it', async () => {
    const { api, badge } = fakeBadge();
    const b = createErrorBadge(api);
    b.onSaved(state({ status: 'error', error: { code: 'x', message: 'm' } }));
    await settle();
    b.onSaved(state({ sessionId: 's2', status: 'extracting' }));
    await settle();
    expect(badge).toMatchObject({ text: '', title: defaultTitle() });
    b.onSaved(state({ sessionId: 's2', status: 'error', error: { code: 'x', message: 'again' } }));
    await settle();
    expect(badge.text).toBe(ERROR_BADGE_TEXT);
    await b.clear();
    expect(badge).toMatchObject({ text: '', title: defaultTitle() });
  });

  it('a closed error stays closed when its reading is saved again (a late request of that reading failing)', async () => {
    const { api, badge } = fakeBadge();
    const b = createErrorBadge(api);
    const failed = state({ status: 'error', error: { code: 'x', message: 'm' } });
    b.onSaved(failed);
    await settle();
    await b.clear('s1');
    b.onSaved(failed);
    await settle();
    expect(badge.text).toBe('');
    // Another reading's error still shows.
    b.onSaved(state({ sessionId: 's2', status: 'error', error: { code: 'x', message: 'm' } }));
    await settle();
    expect(badge.text).toBe(ERROR_BADGE_TEXT);
  });

  it('closing clears a badge a previous worker set (this one never showed it)', async () => {
    const { api, badge } = fakeBadge();
    await api.setText(ERROR_BADGE_TEXT);
    await createErrorBadge(api).clear('s1');
    expect(badge).toMatchObject({ text: '', title: defaultTitle() });
  });
});
