/**
 * The mini player's styles, adopted by its shadow root only: page rules cannot select into a shadow tree and
 * these cannot select out of it. `:host { all: initial }` (and the host's inline `all: initial`) stops inherited
 * page properties (font, colour, line-height…) from crossing the boundary (https://www.w3.org/TR/css-cascade-5/#all-shorthand).
 */
export const MINI_PLAYER_CSS = `
:host { all: initial; }
.player {
  box-sizing: border-box; display: flex; flex-direction: column; gap: 4px; padding: 6px 8px;
  font: 14px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #f1f3f4;
  background: #202124; border: 1px solid #5f6368; border-radius: 12px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); user-select: none; -webkit-user-select: none;
  /* Fits a 320 px viewport (400 % zoom, WCAG 1.4.10 Reflow) with the host's 16 px margins either side. */
  max-width: calc(100vw - 32px);
}
.row { display: flex; align-items: center; gap: 2px; flex-wrap: wrap; }
input[type='range'] {
  flex: 1 1 80px; min-width: 0; height: 24px; margin-block: 0; margin-inline: 4px; accent-color: #8ab4f8; cursor: pointer;
}
input.position { flex-basis: 200px; }
input[type='range']:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 1px; border-radius: 4px; }
.volume-label { display: inline-flex; align-items: center; padding-block: 0; padding-inline: 8px 2px; color: #bdc1c6; }
/* The host carries the UI language's dir (utils/i18n/ui-language.ts): arrows along the text turn with it. */
:host([dir='rtl']) .directional { transform: scaleX(-1); }
button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  min-width: 32px; height: 32px; padding: 0 6px; border-radius: 8px; cursor: pointer;
  font: inherit; font-size: 16px; color: inherit; background: transparent;
}
button:hover { background: #3c4043; }
button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 1px; }
button.handle { cursor: grab; font-size: 14px; color: #bdc1c6; min-width: 24px; padding: 0 2px; touch-action: none; }
button.handle:active { cursor: grabbing; }
button.primary { background: #8ab4f8; color: #202124; }
button.primary:hover { background: #aecbfa; }
.rate { min-width: 3.2em; text-align: center; font-variant-numeric: tabular-nums; }
.progress { font-size: 14px; color: #bdc1c6; padding: 0 4px; font-variant-numeric: tabular-nums; }
.progress.notice { color: #fdd663; }
.player.failed { max-width: min(420px, calc(100vw - 24px)); border-color: #f28b82; }
.message { margin: 0; padding: 4px; font-size: 15px; line-height: 1.4; user-select: text; -webkit-user-select: text; }
.actions { justify-content: flex-end; gap: 6px; flex-wrap: wrap; }
button.text { font-size: 14px; padding: 0 12px; border: 1px solid #5f6368; }
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
@media (prefers-color-scheme: light) {
  .player { color: #202124; background: #ffffff; border-color: #dadce0; }
  button:hover { background: #f1f3f4; }
  button:focus-visible, input[type='range']:focus-visible { outline-color: #1a73e8; }
  input[type='range'] { accent-color: #1a73e8; }
  .volume-label { color: #5f6368; }
  button.handle, .progress { color: #5f6368; }
  .progress.notice { color: #8a4b00; }
  .player.failed { border-color: #c5221f; }
  button.text { border-color: #dadce0; }
  button.primary { background: #1a73e8; color: #ffffff; }
  button.primary:hover { background: #1765cc; }
}
@media (forced-colors: active) {
  button { border: 1px solid ButtonText; }
  button:focus-visible, input[type='range']:focus-visible { outline-color: Highlight; }
}
`;
