// The API's limit on one synthesis `script` (shared/vocalid-api.txt, synthesis): what the client refuses to send
// and what the text is cut into units to stay under. The server (server/src/speech/synthesis-params.ts) enforces
// the same number on its side of the contract.

/** In Unicode code points, after trimming. */
export const MAX_SCRIPT_CODE_POINTS = 256;
