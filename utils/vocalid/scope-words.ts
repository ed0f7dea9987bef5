// OAuth scopes as a person reads them. The codes (`voice:synthesis`) are the API's (each endpoint of vocalid-api.txt
// names the scope it needs); a settings page or a status line says what the permission lets the extension do.
import { i18n } from '../i18n/i18n';

/** Read when asked, not at import, so the words follow the messages' language. */
const SCOPE_WORDS: Readonly<Record<string, () => string>> = {
  'user:info': () => i18n.t('settings.scopes.userInfo'),
  'voice:list': () => i18n.t('settings.scopes.voiceList'),
  'voice:synthesis': () => i18n.t('settings.scopes.voiceSynthesis'),
  external_account: () => i18n.t('settings.scopes.externalAccount'),
  voice_build: () => i18n.t('settings.scopes.voiceBuild'),
};

/** "list your voices" for a known scope; an unknown one as the server named it, so nothing granted is hidden. */
export function scopeInWords(scope: string): string {
  return Object.hasOwn(SCOPE_WORDS, scope) ? SCOPE_WORDS[scope]!() : scope;
}

/**
 * A granted scope list (an array, or space-separated as OAuth sends it) in words, joined for a sentence:
 * "see your nickname, list your voices and turn text into speech with your voices"; "nothing" when empty.
 */
export function scopesInWords(scopes: readonly string[] | string): string {
  const list = (typeof scopes === 'string' ? scopes.split(/\s+/) : [...scopes]).filter(Boolean).map(scopeInWords);
  if (list.length === 0) return i18n.t('settings.scopes.nothing');
  if (list.length === 1) return list[0]!;
  // The messages' own joiners rather than Intl.ListFormat: its English adds a serial comma the UI does not use.
  return i18n.t('settings.scopes.lastTwo', {
    first: list.slice(0, -1).join(i18n.t('settings.scopes.separator')),
    last: list.at(-1)!,
  });
}
