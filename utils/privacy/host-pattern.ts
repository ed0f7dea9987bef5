// Host names as people type them into the deny-list or the preset editor ("https://Bank.example/login",
// "www.news.example.", "*.example.org") reduced to one canonical form, so that matching is a plain comparison.

export class InvalidHostError extends Error {
  override name = 'InvalidHostError';
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lowercase host name without scheme, port, path, leading "*." or trailing dot; throws InvalidHostError. */
export function normalizeHost(input: string): string {
  if (typeof input !== 'string') throw new InvalidHostError('A site must be written as text.');
  let text = input.trim().toLowerCase();
  if (text === '') throw new InvalidHostError('Enter a site, for example example.com.');
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      throw new InvalidHostError(`"${input.trim()}" is not a web address or a site name.`);
    }
  } else {
    text = text.split(/[/?#]/, 1)[0]!.replace(/:\d+$/, '');
  }
  text = text.replace(/^\*\./, '').replace(/\.$/, '');
  if (text === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  const labels = text.split('.');
  if (text.length > 253 || labels.some((l) => !LABEL.test(l))) {
    throw new InvalidHostError(`"${input.trim()}" is not a valid site name (letters, digits, dots and hyphens).`);
  }
  return text;
}

/** The host itself, then each parent domain: a.b.example.com → a.b.example.com, b.example.com, example.com. */
export function hostAndParents(hostname: string): string[] {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) return [host];
  const labels = host.split('.');
  const out: string[] = [];
  // Stop before the last label: "com" alone is never a site.
  for (let i = 0; i < Math.max(1, labels.length - 1); i++) out.push(labels.slice(i).join('.'));
  return out;
}

/** True when `hostname` is `pattern` or one of its subdomains. */
export function hostMatches(hostname: string, pattern: string): boolean {
  return hostAndParents(hostname).includes(pattern);
}
