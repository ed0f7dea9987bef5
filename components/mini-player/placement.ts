/**
 * Where the mini player may sit: inside the viewport, and never over the sentence being read — when it would
 * cover it, it jumps to the opposite corner (top ↔ bottom first, then left ↔ right, then diagonally).
 */
import type { Rect } from './mini-player-types';

export const EDGE_MARGIN = 16;

export function clampToViewport(
  pos: { left: number; top: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  return {
    left: Math.round(Math.min(Math.max(0, pos.left), Math.max(0, viewport.width - size.width))),
    top: Math.round(Math.min(Math.max(0, pos.top), Math.max(0, viewport.height - size.height))),
  };
}

function overlap(a: Rect, b: Rect, pad: number): number {
  const w = Math.min(a.left + a.width, b.left + b.width + pad) - Math.max(a.left, b.left - pad);
  const h = Math.min(a.top + a.height, b.top + b.height + pad) - Math.max(a.top, b.top - pad);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A new position for `player` that does not cover `avoid`, or null if it does not cover it now. */
export function avoidPlacement(
  player: Rect,
  avoid: Rect,
  viewport: { width: number; height: number },
  pad = 8,
): { left: number; top: number } | null {
  if (overlap(player, avoid, pad) === 0) return null;
  const inBottomHalf = player.top + player.height / 2 > viewport.height / 2;
  const inRightHalf = player.left + player.width / 2 > viewport.width / 2;
  const flippedTop = inBottomHalf ? EDGE_MARGIN : viewport.height - player.height - EDGE_MARGIN;
  const flippedLeft = inRightHalf ? EDGE_MARGIN : viewport.width - player.width - EDGE_MARGIN;
  const candidates = [
    { left: player.left, top: flippedTop },
    { left: flippedLeft, top: player.top },
    { left: flippedLeft, top: flippedTop },
  ].map((c) => clampToViewport(c, player, viewport));
  let best = candidates[0]!;
  let bestOverlap = Infinity;
  for (const c of candidates) {
    const o = overlap({ ...c, width: player.width, height: player.height }, avoid, pad);
    if (o === 0) return c;
    if (o < bestOverlap) {
      best = c;
      bestOverlap = o;
    }
  }
  return best;
}
