/**
 * How long the start of a reading waits for the speech of a page's formulas (computed by the player's host: Chrome's
 * offscreen document, Firefox's background page); those not done by then are read from their labels. The engine's
 * first start alone took 3.4 s on this project's 2 shared cores.
 */
export const MATH_SPEECH_BUDGET_MS = 6000;
