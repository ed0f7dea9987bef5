// A short sample of a voice for the library's Preview button: synthesised once, then kept in the audio cache
// like any read sentence, so a second preview (or a later reading of the same sentence) costs no request.
import { cachedAudioAsWav } from '../audio-codec/cache-entry-codec';
import { i18n } from '../i18n/i18n';
import { createAudioCache } from '../cache/audio-cache';
import { cacheKey } from '../cache/cache-key';
import type { Settings } from '../settings/settings-schema';
import { noCredentialsFetch } from './no-credentials-fetch';
import { createVocalidClient } from './vocalid-client';

/** The sample sentence, in the UI language (a Spanish speaker previews a voice reading Spanish). */
export function previewText(): string {
  return i18n.t('options.voices.previewSentence');
}

/** An object URL of WAV audio; the caller revokes it when done. */
export async function previewVoice(settings: Settings, voiceToken: string): Promise<string> {
  const params = { voiceToken, pitch: settings.pitch, rate: settings.rate, sampleRate: settings.sampleRate };
  const text = previewText();
  const key = await cacheKey({ baseUrl: settings.baseUrl, text, ...params });
  const cache = createAudioCache({ capBytes: settings.cacheCapMB * 1024 * 1024 });
  // A preview sentence the reader also played may have been compressed since: the <audio> element gets WAV.
  const cached = (await cache.get(key))?.bytes;
  let bytes = cached && (await cachedAudioAsWav(cached));
  if (!bytes) {
    bytes = await createVocalidClient({ retry: { maxAttempts: 2 }, fetch: noCredentialsFetch }).synthesize({
      script: text,
      downloadToken: voiceToken,
      pitch: params.pitch,
      rate: params.rate,
      sampleRate: params.sampleRate,
    });
    await cache.put(key, bytes).catch(() => false);
  }
  return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
}
