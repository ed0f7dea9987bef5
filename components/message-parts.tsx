import type { ComponentChildren } from 'preact';

/**
 * A translated sentence with elements inside it (a key in <kbd>, a link, a name in <strong>): the message keeps
 * its `{name}` placeholders (pass each name as its own substitution) and this puts the elements where the
 * translation put them, so a sentence stays one message whatever its word order.
 */
export function messageParts(text: string, parts: Record<string, ComponentChildren>): ComponentChildren[] {
  return text.split(/\{([A-Za-z0-9_]+)\}/).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece));
}

/** The substitutions that leave each placeholder in place, for messageParts. */
export function keepPlaceholders<const T extends string>(...names: T[]): Record<T, string> {
  return Object.fromEntries(names.map((name) => [name, `{${name}}`])) as Record<T, string>;
}
