import { describe, expect, it } from 'vitest';
import { installLocale } from '../harness/locale-messages';
import {
  describeChange,
  formatProgress,
  formatRate,
  formatRemaining,
} from '../../components/mini-player/format-status';
import type { MiniPlayerState } from '../../components/mini-player/mini-player-types';

const s: MiniPlayerState = { status: 'playing', index: 0, total: 4, rate: 1, remainingMs: 0 };

describe('format-status', () => {
  it('rounds time left to minutes and hours in plain words', () => {
    expect(formatRemaining(0)).toBe('');
    expect(formatRemaining(20_000)).toBe('less than a minute left');
    expect(formatRemaining(100_000)).toBe('about 2 min left');
    // Hours in Intl's English abbreviation (utils/i18n/locale-format.ts), as every language gets its own.
    expect(formatRemaining(65 * 60_000)).toBe('about 1 hr 5 min left');
    expect(formatRemaining(120 * 60_000)).toBe('about 2 hr left');
  });

  it('says the time left in Arabic with the unit as a word, and the position with Arabic wording', async () => {
    await installLocale('ar');
    try {
      const left = formatRemaining(36 * 60_000);
      expect(left.startsWith('بقي نحو ')).toBe(true);
      expect(left).toMatch(/دقيقة/);
      expect(formatProgress({ ...s, index: 1, total: 4, remainingMs: 0 })).toMatch(/^الجملة \S+ من \S+$/);
    } finally {
      await installLocale('en');
    }
  });

  it('shows 1-based progress and a compact rate', () => {
    expect(formatProgress({ ...s, index: 3, remainingMs: 0 })).toBe('Sentence 4 of 4');
    expect(formatProgress({ ...s, total: 0 })).toBe('');
    expect(formatRate(1.1000000001)).toBe('1.1×');
  });

  it('says nothing when nothing a listener cares about changed', () => {
    expect(describeChange(s, { ...s, remainingMs: 5000 }, null)).toBeNull();
    expect(describeChange(s, { ...s, index: 1 }, 'faster')).toBeNull();
    expect(describeChange(s, { ...s, index: 1 }, 'prev-paragraph')).toBe('Sentence 2 of 4');
    expect(describeChange(s, { ...s, status: 'done', rate: 2 }, null)).toBe('Finished reading. Speed 2×');
  });
});
