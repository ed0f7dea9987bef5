// Voice library rows (kept beside the PKCE tests because they are this feature's; the file name follows the
// ownership pattern test/vocalid/pkce*.test.ts).
import { describe, expect, it } from 'vitest';
import { describeVoice } from '../../utils/vocalid/voice-library';
import type { VoiceInfo } from '../../utils/vocalid/vocalid-client';

const now = Date.parse('2026-06-01T00:00:00Z');
const voice = (v: Partial<VoiceInfo>): VoiceInfo => ({
  account_id: null,
  can_download: false,
  can_stream: true,
  download_token: 'tok',
  expiration: null,
  synthesis_count: 0,
  voice_id: 'v1',
  name: 'Ada',
  model_name: 'Hi Res',
  ...v,
});

describe('describeVoice', () => {
  it('a stock voice without expiry can be used', () => {
    expect(describeVoice(voice({}), now)).toMatchObject({
      name: 'Ada',
      model: 'Hi Res',
      owner: 'Stock',
      expires: '',
      expired: false,
      expiringSoon: false,
      flags: ['Can stream'],
    });
    expect(describeVoice(voice({}), now).disabledReason).toBeUndefined();
  });

  it('a voice with an account id is personal', () => {
    expect(describeVoice(voice({ account_id: 'acc-1', model_name: 'Low Res' }), now)).toMatchObject({
      owner: 'Personal',
      model: 'Low Res',
    });
  });

  it('a voice that cannot stream is disabled with the reason', () => {
    expect(describeVoice(voice({ can_stream: false, can_download: true }), now)).toMatchObject({
      disabledReason: expect.stringMatching(/cannot be streamed/),
      flags: ['Can download'],
    });
  });

  it('flags expired and soon-expiring voices', () => {
    expect(describeVoice(voice({ expiration: '2026-05-31T00:00:00Z' }), now)).toMatchObject({
      expired: true,
      disabledReason: 'This voice has expired.',
      expires: '2026-05-31',
    });
    expect(describeVoice(voice({ expiration: '2026-06-10T00:00:00Z' }), now)).toMatchObject({
      expired: false,
      expiringSoon: true,
      flags: ['Can stream', 'Expires soon'],
    });
    expect(describeVoice(voice({ expiration: '2026-09-01T00:00:00Z' }), now).expiringSoon).toBe(false);
  });
});
