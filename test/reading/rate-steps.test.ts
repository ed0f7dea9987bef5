import { describe, expect, it } from 'vitest';
import { stepRate } from '../../utils/reading/rate-steps';

describe('stepRate', () => {
  it('moves one step up or down the ladder', () => {
    expect(stepRate(1, 1)).toBe(1.1);
    expect(stepRate(1, -1)).toBe(0.9);
    expect(stepRate(2, 1)).toBe(2.5);
    expect(stepRate(2, -1)).toBe(1.75);
  });

  it('from between two steps goes to the next one in that direction', () => {
    expect(stepRate(1.3, 1)).toBe(1.5);
    expect(stepRate(1.3, -1)).toBe(1.25);
  });

  it('stays within the ladder at both ends', () => {
    expect(stepRate(4, 1)).toBe(4);
    expect(stepRate(0.5, -1)).toBe(0.5);
    expect(stepRate(9, -1)).toBe(4);
  });
});
