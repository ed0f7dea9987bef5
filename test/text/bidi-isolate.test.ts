import { afterEach, describe, expect, it } from 'vitest';
import { installLocale } from '../harness/locale-messages';
import { isolate } from '../../utils/text/bidi-isolate';
import { describeReading } from '../../utils/reading/status-text';
import { idleState } from '../../utils/reading/reading-state';

afterEach(() => installLocale('en'));

describe('isolate', () => {
  it('leaves text as it is in a left-to-right UI', () => {
    expect(isolate('Tides of the estuary')).toBe('Tides of the estuary');
  });

  it('wraps text in first-strong isolates in a right-to-left UI, so an English title keeps its order', async () => {
    await installLocale('ar');
    expect(isolate('Tides of the estuary')).toBe('\u2068Tides of the estuary\u2069');
    const text = describeReading({ ...idleState(), status: 'playing', title: 'Tides of the estuary' });
    expect(text.headline).toContain('«\u2068Tides of the estuary\u2069»');
    expect(text.headline.startsWith('جارٍ قراءة')).toBe(true);
  });
});
