/** A setting the user (or an imported file) gave is not acceptable; `field` names it, the message says why. */
export class SettingsValidationError extends Error {
  override name = 'SettingsValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
