import { describe, expect, it } from 'vitest';
import { notConnectedMessage, toReadingError } from '../../utils/reading/reading-errors';
import { configError } from '../../utils/vocalid/api-error';
import { notSignedIn } from '../../utils/vocalid/pkce-token-source';

describe('errors of an account never connected', () => {
  it('offer to connect the account instead of naming a missing field', () => {
    for (const err of [notSignedIn(), configError('missing_client_id', 'Enter your VocaliD client ID in Options.')])
      expect(toReadingError(err)).toMatchObject({ message: notConnectedMessage(), action: 'connect' });
  });

  it('a wrong server address is not a missing account: it keeps its own words and "Open settings"', () => {
    expect(toReadingError(configError('bad_server_url', 'That is not a server address.'))).toMatchObject({
      message: 'That is not a server address.',
      action: 'settings',
    });
  });
});
