import { describe, expect, it } from 'vitest';
import {
  clampSpeed,
  formatSpeed,
  SPEED_GRAIN,
  SPEED_MAX,
  SPEED_MIN,
  SPEED_STEPS,
  speedStepIndex,
  stepSpeed,
} from '../../utils/settings/speed-steps';
import { LIMITS } from '../../utils/settings/limits';
import { migrateSettings, validateSettingsPatch } from '../../utils/settings/settings-schema';

describe('the shared speed definition', () => {
  it('is the range the schema accepts: every step saves, nothing outside does', () => {
    expect(LIMITS.rate).toEqual({ min: SPEED_MIN, max: SPEED_MAX });
    for (const rate of SPEED_STEPS) expect(validateSettingsPatch({ rate })).toEqual({ rate });
    expect(() => validateSettingsPatch({ rate: 0.45 })).toThrow(/Rate must be between 0.5 and 4/);
    expect(() => validateSettingsPatch({ rate: 4.05 })).toThrow(/Rate must be between 0.5 and 4/);
  });

  it('has steps on the grain that typed speeds use, in increasing order', () => {
    for (const [i, r] of SPEED_STEPS.entries()) {
      expect(Math.abs(r / SPEED_GRAIN - Math.round(r / SPEED_GRAIN))).toBeLessThan(1e-9);
      if (i > 0) expect(r).toBeGreaterThan(SPEED_STEPS[i - 1]!);
    }
  });

  it('steps one up or down, from between two steps to the next in that direction, and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.1);
    expect(stepSpeed(1, -1)).toBe(0.9);
    expect(stepSpeed(2, 1)).toBe(2.5);
    expect(stepSpeed(2, -1)).toBe(1.75);
    expect(stepSpeed(1.3, 1)).toBe(1.5);
    expect(stepSpeed(1.3, -1)).toBe(1.25);
    expect(stepSpeed(4, 1)).toBe(4);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
  });

  it('puts a slider over the steps at the nearest step', () => {
    expect(SPEED_STEPS[speedStepIndex(1)]).toBe(1);
    expect(SPEED_STEPS[speedStepIndex(1.3)]).toBe(1.25);
    expect(SPEED_STEPS[speedStepIndex(3.6)]).toBe(4);
    expect(speedStepIndex(9)).toBe(SPEED_STEPS.length - 1);
    expect(speedStepIndex(0.1)).toBe(0);
  });

  it('shows speeds the same way everywhere', () => {
    expect(formatSpeed(1.25)).toBe('1.25×');
    expect(formatSpeed(2)).toBe('2×');
  });

  it('keeps a speed stored before the range narrowed at the nearest speed in range, presets included', () => {
    expect(clampSpeed(6)).toBe(4);
    expect(clampSpeed(0.2)).toBe(0.5);
    const s = migrateSettings({
      version: 3,
      rate: 7,
      presets: [{ id: 'p', name: 'Fast', voiceToken: '', pitch: 1, rate: 9, sentencePauseMs: 0, paragraphPauseMs: 0 }],
    });
    expect(s.rate).toBe(4);
    expect(s.presets.map((p) => p.rate)).toEqual([4]);
  });
});

describe('the volume setting', () => {
  it('defaults to full, accepts 0–1 and refuses anything else plainly', () => {
    expect(migrateSettings(undefined).volume).toBe(1);
    expect(validateSettingsPatch({ volume: 0.35 })).toEqual({ volume: 0.35 });
    expect(() => validateSettingsPatch({ volume: 1.5 })).toThrow(/Volume must be between 0 and 100 %/);
    expect(() => validateSettingsPatch({ volume: '50' })).toThrow(/Volume/);
    expect(migrateSettings({ version: 3, volume: -1 }).volume).toBe(1);
  });
});
