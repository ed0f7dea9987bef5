// Field checks for what a reading includes (added to version 2 like follow-fields.ts: missing fields are
// repaired to their defaults by migrateSettings, so no migration step is needed): the headline, bylines and dates,
// code blocks, data tables, image descriptions.
import { i18n } from '../i18n/i18n';
import { SettingsValidationError } from './settings-error';

/** Code in preformatted text: announced ("Code, 12 lines") and skipped, or read line by line. */
export type CodeBlocks = 'announce' | 'lines';
export const CODE_BLOCKS: readonly CodeBlocks[] = ['announce', 'lines'];

export interface ReadingFields {
  /** Read the article's headline first, then a paragraph pause. */
  readHeadline: boolean;
  /** Read bylines and dates ("By …", "Published …"); off: a listener wants the article. */
  readBylines: boolean;
  /** Code blocks: announced and skipped (most listeners want the prose around them), or read line by line. */
  codeBlocks: CodeBlocks;
  /** Read data tables row by row with their headers; off: a table is announced and skipped. */
  readTables: boolean;
  /** Read an image's description (its alt text) as a block of its own; off: images are silent. */
  readImageAlt: boolean;
}

export const READING_DEFAULTS: Readonly<ReadingFields> = Object.freeze({
  readHeadline: true,
  readBylines: false,
  codeBlocks: 'announce',
  readTables: true,
  readImageAlt: false,
});

export function readingBooleanCheck(field: keyof ReadingFields, label: string) {
  return (value: unknown): boolean => {
    if (typeof value !== 'boolean')
      throw new SettingsValidationError(field, i18n.t('display.toggleInvalid', { label }));
    return value;
  };
}

export function checkCodeBlocks(value: unknown): CodeBlocks {
  if (!CODE_BLOCKS.includes(value as CodeBlocks))
    throw new SettingsValidationError(
      'codeBlocks',
      i18n.t('display.choiceInvalid', {
        label: i18n.t('display.codeBlocks.legend'),
        choices: CODE_BLOCKS.join(', '),
        value: String(value),
      }),
    );
  return value as CodeBlocks;
}
