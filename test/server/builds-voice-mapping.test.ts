import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateMedianF0 } from '../../server/src/audio/pitch-estimate';
import { speakingRate } from '../../server/src/audio/speaking-rate';
import { SpeechPool } from '../../server/src/speech/speech-pool';
import {
  analyseSpeaker,
  pitchToEspeak,
  rateToEspeakSpeed,
  voiceParamsFor,
} from '../../server/src/voice-build/voice-from-recordings';
import { voicedSpeech } from './audio/synthetic-signals';

// Not one of the sentences the calibration tables were measured on.
const SENTENCE = 'When the sunlight strikes raindrops in the air, they act as a prism and form a rainbow.';

describe('pitchToEspeak', () => {
  it('uses the default voice for low speakers and the f3 variant for high ones', () => {
    expect(pitchToEspeak(100).espeakVoice).toBe('en-us');
    expect(pitchToEspeak(220).espeakVoice).toBe('en-us+f3');
  });

  it('rises with F0 and stays inside eSpeak -p 0..99', () => {
    const low = [60, 80, 100, 120, 140].map((hz) => pitchToEspeak(hz).basePitch);
    const high = [180, 220, 260, 300].map((hz) => pitchToEspeak(hz).basePitch);
    for (const series of [low, high]) {
      for (let i = 1; i < series.length; i++) expect(series[i]).toBeGreaterThan(series[i - 1] as number);
    }
    expect(pitchToEspeak(20).basePitch).toBe(0);
    expect(pitchToEspeak(2000).basePitch).toBe(99);
  });

  it('maps faster speakers to a faster -s within 80..450 wpm', () => {
    expect(rateToEspeakSpeed(3)).toBeLessThan(rateToEspeakSpeed(4));
    expect(rateToEspeakSpeed(0.1)).toBe(80);
    expect(rateToEspeakSpeed(50)).toBe(450);
  });
});

describe('calibration against real eSpeak NG output', () => {
  let pool: SpeechPool;
  beforeAll(async () => {
    pool = new SpeechPool(1);
    await pool.ready();
  });
  afterAll(async () => {
    await pool.close();
  });

  it.each([85, 120, 150, 200, 260])(
    'a voice mapped from a %d Hz speaker speaks within 8 percent of it',
    async (targetHz) => {
      const { espeakVoice, basePitch } = pitchToEspeak(targetHz);
      const out = await pool.synthesize({ espeakVoice, basePitch, baseSpeed: 175, pitch: 1, rate: 1, text: SENTENCE });
      const samples = Float32Array.from(out.samples, (v) => v / 32768);
      const measured = estimateMedianF0(samples, out.sampleRate) as number;
      expect(Math.abs(measured / targetHz - 1)).toBeLessThan(0.08);
    },
  );

  it.each([2.5, 4, 6])(
    'a voice mapped from %d words/s speaks within 20 percent of that rate',
    async (wordsPerSecond) => {
      const baseSpeed = rateToEspeakSpeed(wordsPerSecond);
      const out = await pool.synthesize({
        espeakVoice: 'en-us',
        basePitch: 50,
        baseSpeed,
        pitch: 1,
        rate: 1,
        text: SENTENCE,
      });
      const samples = Float32Array.from(out.samples, (v) => v / 32768);
      const measured = speakingRate([{ samples, sampleRate: out.sampleRate, transcript: SENTENCE }]) as number;
      expect(Math.abs(measured / wordsPerSecond - 1)).toBeLessThan(0.2);
    },
  );
});

describe('voiceParamsFor', () => {
  it('gives up on recordings with almost no voiced speech', async () => {
    const analysis = await analyseSpeaker([
      {
        samples: voicedSpeech({ f0Hz: 120, words: 1, sampleRate: 16_000, syllableSeconds: 0.2 }),
        sampleRate: 16_000,
        transcript: 'hi',
      },
    ]);
    expect(analysis.voicedFrames).toBeLessThan(50);
    expect(voiceParamsFor(analysis)).toBeNull();
  });

  it('puts a higher speaker on a higher-pitched eSpeak setting', async () => {
    const params = async (f0Hz: number) =>
      voiceParamsFor(
        await analyseSpeaker([
          {
            samples: voicedSpeech({ f0Hz, words: 6, sampleRate: 16_000 }),
            sampleRate: 16_000,
            transcript: 'one two three four five six',
          },
        ]),
      );
    const low = await params(95);
    const mid = await params(130);
    expect(low?.espeakVoice).toBe('en-us');
    expect(mid?.espeakVoice).toBe('en-us');
    expect(mid?.basePitch).toBeGreaterThan(low?.basePitch as number);
    // The synthetic speaker says 6 words in 6 x 0.3 s of sound: 3.3 words/s.
    const rate = speakingRate([
      {
        samples: voicedSpeech({ f0Hz: 95, words: 6, sampleRate: 16_000 }),
        sampleRate: 16_000,
        transcript: 'one two three four five six',
      },
    ]);
    expect(rate).toBeGreaterThan(2.8);
    expect(rate).toBeLessThan(3.9);
    expect(low?.baseSpeed).toBe(rateToEspeakSpeed(rate as number));
  });
});
