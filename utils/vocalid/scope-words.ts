// OAuth scopes as a person reads them. The codes (`voice:synthesis`) are the API's (each endpoint of vocalid-api.txt
// names the scope it needs); a settings page or a status line says what the permission lets the extension do.

const SCOPE_WORDS: Readonly<Record<string, string>> = {
  'user:info': 'see your nickname',
  'voice:list': 'list your voices',
  'voice:synthesis': 'turn text into speech with your voices',
  external_account: 'create your voice-banking account',
  voice_build: 'record sentences and build your voice',
};

/** "list your voices" for a known scope; an unknown one as the server named it, so nothing granted is hidden. */
export function scopeInWords(scope: string): string {
  return SCOPE_WORDS[scope] ?? scope;
}

/**
 * A granted scope list (an array, or space-separated as OAuth sends it) in words, joined for a sentence:
 * "see your nickname, list your voices and turn text into speech with your voices"; "nothing" when empty.
 */
export function scopesInWords(scopes: readonly string[] | string): string {
  const list = (typeof scopes === 'string' ? scopes.split(/\s+/) : [...scopes]).filter(Boolean).map(scopeInWords);
  if (list.length === 0) return 'nothing';
  if (list.length === 1) return list[0]!;
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}
