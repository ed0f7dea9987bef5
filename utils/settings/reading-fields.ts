// Field checks for what a reading includes (added to version 2 like follow-fields.ts: missing fields are
// repaired to their defaults by migrateSettings, so no migration step is needed): the headline, bylines and dates,
// data tables, image descriptions.
import { SettingsValidationError } from './settings-error';

export interface ReadingFields {
  /** Read the article's headline first, then a paragraph pause. */
  readHeadline: boolean;
  /** Read bylines and dates ("By …", "Published …"); off: a listener wants the article. */
  readBylines: boolean;
  /** Read data tables row by row with their headers; off: a table is announced and skipped. */
  readTables: boolean;
  /** Read an image's description (its alt text) as a block of its own; off: images are silent. */
  readImageAlt: boolean;
}

export const READING_DEFAULTS: Readonly<ReadingFields> = Object.freeze({
  readHeadline: true,
  readBylines: false,
  readTables: true,
  readImageAlt: false,
});

export function readingBooleanCheck(field: keyof ReadingFields, label: string) {
  return (value: unknown): boolean => {
    if (typeof value !== 'boolean') throw new SettingsValidationError(field, `${label} must be on or off.`);
    return value;
  };
}
