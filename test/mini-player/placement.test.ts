import { describe, expect, it } from 'vitest';
import { avoidPlacement, clampToViewport } from '../../components/mini-player/placement';

const viewport = { width: 1000, height: 800 };
const player = { left: 680, top: 704, width: 300, height: 80 }; // bottom-right corner

describe('mini player placement', () => {
  it('stays put when it does not cover the sentence', () => {
    expect(avoidPlacement(player, { left: 0, top: 100, width: 900, height: 60 }, viewport)).toBeNull();
  });

  it('flips top/bottom first when covering the sentence', () => {
    expect(avoidPlacement(player, { left: 100, top: 700, width: 800, height: 40 }, viewport)).toEqual({
      left: 680,
      top: 16,
    });
  });

  it('flips left/right when the sentence is a tall column on the right', () => {
    expect(avoidPlacement(player, { left: 600, top: 0, width: 400, height: 800 }, viewport)).toEqual({
      left: 16,
      top: 704,
    });
  });

  it('keeps the player inside the viewport', () => {
    expect(clampToViewport({ left: -40, top: 900 }, { width: 300, height: 80 }, viewport)).toEqual({
      left: 0,
      top: 720,
    });
  });
});
