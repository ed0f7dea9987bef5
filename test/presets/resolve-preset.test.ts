import { describe, expect, it } from 'vitest';
import { resolvePreset, settingsForPage } from '../../utils/presets/resolve-preset';
import { DEFAULT_SETTINGS, type Preset, type Settings } from '../../utils/settings/settings-schema';

const slow: Preset = {
  id: 'slow',
  name: 'Slow',
  voiceToken: 'tok-slow',
  pitch: 0.8,
  rate: 0.6,
  sentencePauseMs: 500,
  paragraphPauseMs: 1200,
};
const fast: Preset = {
  id: 'fast',
  name: 'Fast',
  voiceToken: '',
  pitch: 1.3,
  rate: 1.8,
  sentencePauseMs: 100,
  paragraphPauseMs: 300,
};

function settings(patch: Partial<Settings>): Settings {
  return {
    ...DEFAULT_SETTINGS,
    voiceToken: 'tok-general',
    pitch: 1,
    rate: 1,
    presets: [slow, fast],
    sitePresets: {},
    ...patch,
  };
}

describe('resolvePreset', () => {
  it('uses the general settings when no site entry matches', () => {
    const r = resolvePreset(settings({ sitePresets: { 'other.example': 'slow' } }), 'https://news.example.com/a');
    expect(r.preset).toBeUndefined();
    expect(r.params).toEqual({
      voiceToken: 'tok-general',
      pitch: 1,
      rate: 1,
      sentencePauseMs: 250,
      paragraphPauseMs: 600,
    });
    expect(r.hostname).toBe('news.example.com');
  });

  it('applies the preset set for the exact host name', () => {
    const r = resolvePreset(
      settings({ sitePresets: { 'news.example.com': 'slow' } }),
      'https://news.example.com/a?b#c',
    );
    expect(r.matchedHost).toBe('news.example.com');
    expect(r.params).toEqual({
      voiceToken: 'tok-slow',
      pitch: 0.8,
      rate: 0.6,
      sentencePauseMs: 500,
      paragraphPauseMs: 1200,
    });
  });

  it('falls back to the closest parent domain, and the exact host wins over a parent', () => {
    const s = settings({ sitePresets: { 'example.com': 'fast', 'deep.news.example.com': 'slow' } });
    expect(resolvePreset(s, 'https://www.news.example.com/').matchedHost).toBe('example.com');
    expect(resolvePreset(s, 'https://deep.news.example.com/').preset?.id).toBe('slow');
  });

  it('never matches on the top-level domain alone or on a suffix that is not a label boundary', () => {
    const s = settings({ sitePresets: { com: 'fast', 'ample.com': 'slow' } });
    expect(resolvePreset(s, 'https://example.com/').preset).toBeUndefined();
  });

  it('a preset without its own voice keeps the general voice', () => {
    expect(
      resolvePreset(settings({ sitePresets: { 'a.example': 'fast' } }), 'https://a.example/').params.voiceToken,
    ).toBe('tok-general');
  });

  it('ignores an entry pointing at a deleted preset and keeps looking at parents', () => {
    const s = settings({ sitePresets: { 'news.example.com': 'gone', 'example.com': 'fast' } });
    expect(resolvePreset(s, 'https://news.example.com/').preset?.id).toBe('fast');
  });

  it('is case- and trailing-dot-insensitive, and matches IP hosts only exactly (port ignored)', () => {
    const s = settings({ sitePresets: { 'news.example.com': 'slow', '127.0.0.1': 'fast' } });
    expect(resolvePreset(s, 'https://NEWS.Example.COM./').preset?.id).toBe('slow');
    expect(resolvePreset(s, 'http://127.0.0.1:4321/page').preset?.id).toBe('fast');
    expect(resolvePreset(s, 'http://27.0.0.1/').preset).toBeUndefined();
  });

  it.each([undefined, '', 'not a url', 'file:///home/a.html', 'chrome://settings'])(
    'uses the general settings for %j',
    (url) => {
      const r = resolvePreset(settings({ sitePresets: { 'a.example': 'slow' } }), url);
      expect(r.preset).toBeUndefined();
      expect(r.hostname).toBe('');
    },
  );

  it('settingsForPage overrides only the voice parameters', () => {
    const s = settings({ sitePresets: { 'a.example': 'slow' }, sampleRate: 48000 });
    const out = settingsForPage(s, 'https://a.example/');
    expect(out).toMatchObject({ pitch: 0.8, rate: 0.6, voiceToken: 'tok-slow', sampleRate: 48000, baseUrl: s.baseUrl });
  });
});
