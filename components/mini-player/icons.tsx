/**
 * The player's icons as inline SVG: media-control characters (⏮ ⏪ ⏩ ⏭ ⏸) come from emoji or symbol fonts that
 * many systems lack (they render as empty boxes), and page fonts cannot reach into the shadow root anyway.
 * currentColor keeps them in the button's colour, including forced-colours mode.
 */
import type { JSX } from 'preact';

export type IconName =
  | 'prev-paragraph'
  | 'prev-sentence'
  | 'play'
  | 'pause'
  | 'next-sentence'
  | 'next-paragraph'
  | 'slower'
  | 'faster'
  | 'stop'
  | 'move'
  | 'volume';

const PATHS: Record<IconName, string> = {
  'prev-paragraph': 'M6 5h2v14H6zM20 5v14L9 12z',
  'prev-sentence': 'M12 5v14L3 12zM21 5v14l-9-7z',
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  'next-sentence': 'M3 5v14l9-7zM12 5v14l9-7z',
  'next-paragraph': 'M4 5v14l11-7zM16 5h2v14h-2z',
  slower: 'M5 11h14v2H5z',
  faster: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  stop: 'M6 6h12v12H6z',
  move: 'M9 5h2v2H9zM13 5h2v2h-2zM9 11h2v2H9zM13 11h2v2h-2zM9 17h2v2H9zM13 17h2v2h-2z',
  volume: 'M4 9v6h4l5 4V5L8 9zM15 8.5v7a4 4 0 0 0 0-7zM15 4.5v2a6 6 0 0 1 0 11v2a8 8 0 0 0 0-15z',
};

/**
 * Icons pointing along the text: in a right-to-left UI "next" points left, the way its position slider moves
 * (the stylesheets mirror `.directional` under dir=rtl). Play keeps its shape, as media players do in RTL.
 */
const DIRECTIONAL: ReadonlySet<IconName> = new Set([
  'prev-paragraph',
  'prev-sentence',
  'next-sentence',
  'next-paragraph',
]);

export function Icon({ name }: { name: IconName }): JSX.Element {
  return (
    <svg
      viewBox="0 0 24 24"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      class={DIRECTIONAL.has(name) ? 'directional' : undefined}
    >
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
