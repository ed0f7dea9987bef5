// Text from elsewhere (a page's title or words, a server's address or answer) put into a message of a right-to-left
// UI: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (https://www.unicode.org/reports/tr9/#Explicit_Directional_Isolates)
// so an English title keeps its own order and does not pull the Arabic sentence's punctuation (« », the colon) to
// the wrong side. Left-to-right UIs get the text as it is: the isolates would change nothing they show.
import { uiDirection } from '../i18n/ui-language';

const FSI = '\u2068';
const PDI = '\u2069';

export function isolate(text: string): string {
  return uiDirection() === 'rtl' ? `${FSI}${text}${PDI}` : text;
}
