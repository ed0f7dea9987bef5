// The highlight colours a reading starts with: the settings' defaults (utils/settings/follow-fields.ts) and what the
// page falls back to when a stored colour is not a safe CSS colour.
import type { HighlightColors } from './page-highlighter';

export const DEFAULT_HIGHLIGHT_COLORS: Readonly<HighlightColors> = Object.freeze({
  sentence: '#fff3a3',
  word: '#ffc94d',
});
