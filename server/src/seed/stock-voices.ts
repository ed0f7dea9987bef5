import type Database from 'better-sqlite3';
import { countStockVoices, createVoice, type NewVoice } from '../voices/voice-store';

/** Voices every user can use. eSpeak voice+variant gives each a distinct timbre; pitch/speed set the baseline. */
export const STOCK_VOICES: readonly Omit<NewVoice, 'accountId' | 'ownerUserId' | 'isStock'>[] = [
  {
    name: 'Ava',
    modelName: 'Hi Res',
    espeakVoice: 'en-us+f3',
    basePitch: 55,
    baseSpeed: 170,
    canStream: true,
    canDownload: true,
    expiration: null,
  },
  {
    name: 'Ben',
    modelName: 'Hi Res',
    espeakVoice: 'en-us',
    basePitch: 45,
    baseSpeed: 175,
    canStream: true,
    canDownload: true,
    expiration: null,
  },
  {
    name: 'Charlotte',
    modelName: 'Hi Res',
    espeakVoice: 'en-gb-x-rp+f4',
    basePitch: 55,
    baseSpeed: 165,
    canStream: true,
    canDownload: true,
    expiration: null,
  },
  {
    name: 'Duncan',
    modelName: 'Low Res',
    espeakVoice: 'en-gb-scotland+m3',
    basePitch: 40,
    baseSpeed: 170,
    canStream: true,
    canDownload: false,
    expiration: null,
  },
  {
    name: 'Elena',
    modelName: 'Low Res',
    espeakVoice: 'en-029+f2',
    basePitch: 60,
    baseSpeed: 165,
    canStream: true,
    canDownload: false,
    expiration: null,
  },
  {
    name: 'Felix',
    modelName: 'Hi Res',
    espeakVoice: 'en-us-nyc+m2',
    basePitch: 48,
    baseSpeed: 185,
    canStream: true,
    canDownload: true,
    expiration: null,
  },
];

/** Seeds the stock voices on first start only, so their download tokens stay stable across restarts. */
export function seedStockVoices(db: Database.Database): void {
  if (countStockVoices(db) > 0) return;
  db.transaction(() => {
    for (const v of STOCK_VOICES) createVoice(db, { ...v, accountId: null, ownerUserId: null, isStock: true });
  })();
}
