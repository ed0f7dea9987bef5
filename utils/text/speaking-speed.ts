// How fast speech is assumed to go before any audio of a reading has arrived: the prefetch budget of units not yet
// fetched, and the time-remaining estimate until a unit's real duration is known.

/** About 165 words a minute of English at rate 1, in characters per second. */
export const ESTIMATED_CHARS_PER_SECOND = 15;
