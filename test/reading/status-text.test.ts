import { describe, expect, it } from 'vitest';
import { idleState, type ReadingState, type UnitStatus } from '../../utils/reading/reading-state';
import { describeReading } from '../../utils/reading/status-text';

function withUnits(
  status: ReadingState['status'],
  unitStatuses: UnitStatus[],
  extra: Partial<ReadingState> = {},
): ReadingState {
  return {
    ...idleState(),
    status,
    sessionId: 's',
    units: unitStatuses.map((s, index) => ({
      index,
      text: `u${index}`,
      block: 0,
      start: 0,
      end: 2,
      status: s,
      pauseAfterMs: 0,
    })),
    ...extra,
  };
}

describe('describeReading', () => {
  it('counts the sentence being heard', () => {
    const text = describeReading(withUnits('playing', ['played', 'played', 'playing', 'queued'], { title: 'News' }));
    expect(text).toEqual({ headline: 'Reading “News”', progress: 'Sentence 3 of 4' });
  });
  it('shows progress while paused', () => {
    expect(describeReading(withUnits('paused', ['played', 'queued'])).progress).toBe('Sentence 2 of 2');
  });
  it('shows the error message from the state', () => {
    const state = withUnits('error', ['error'], {
      error: {
        code: 'network_error',
        message: "Can't reach the VocaliD server at http://127.0.0.1:8787 — is it running?",
      },
    });
    expect(describeReading(state).headline).toBe(
      "Can't reach the VocaliD server at http://127.0.0.1:8787 — is it running?",
    );
    expect(describeReading(state).progress).toBeUndefined();
  });
  it('says how much was read when done', () => {
    expect(describeReading(withUnits('done', ['played', 'played'])).headline).toBe('Finished reading (2 sentences).');
  });
  it('says the server is being retried instead of "Preparing the voice…", and while audio already fetched plays', () => {
    const notice = "Can't reach the VocaliD server right now. Still trying…";
    expect(describeReading(withUnits('loading', ['fetching'], { notice })).headline).toBe(notice);
    expect(describeReading(withUnits('playing', ['playing', 'fetching'], { notice, title: 'News' }))).toEqual({
      headline: notice,
      progress: 'Sentence 1 of 2',
    });
    expect(describeReading(withUnits('loading', ['fetching'])).headline).toBe('Preparing the voice…');
  });
});
