import type Database from 'better-sqlite3';
import { randomHexId, randomSecret } from '../util/random-id';

export type ModelName = 'Hi Res' | 'Low Res';

export interface NewVoice {
  name: string;
  modelName: ModelName;
  accountId: string | null;
  ownerUserId: string | null;
  /** eSpeak voice, e.g. `en-us` or `en-gb+f3` (voice+variant). */
  espeakVoice: string;
  /** eSpeak -p 0..99 at API pitch 1. */
  basePitch: number;
  /** eSpeak -s words per minute at API rate 1. */
  baseSpeed: number;
  canStream: boolean;
  canDownload: boolean;
  /** ISO 8601 or null (never expires). */
  expiration: string | null;
  filename?: string;
  /** Stock voices are seeded by the server and visible to every user. */
  isStock?: boolean;
}

export interface VoiceRow extends Required<Omit<NewVoice, 'isStock'>> {
  id: string;
  downloadToken: string;
  synthesisCount: number;
  isStock: boolean;
  createdAt: number;
}

interface VoiceRecord {
  id: string;
  name: string;
  model_name: ModelName;
  account_id: string | null;
  owner_user_id: string | null;
  espeak_voice: string;
  base_pitch: number;
  base_speed: number;
  can_stream: number;
  can_download: number;
  expiration: string | null;
  download_token: string;
  filename: string;
  synthesis_count: number;
  is_stock: number;
  created_at: number;
}

const toVoice = (r: VoiceRecord): VoiceRow => ({
  id: r.id,
  name: r.name,
  modelName: r.model_name,
  accountId: r.account_id,
  ownerUserId: r.owner_user_id,
  espeakVoice: r.espeak_voice,
  basePitch: r.base_pitch,
  baseSpeed: r.base_speed,
  canStream: r.can_stream === 1,
  canDownload: r.can_download === 1,
  expiration: r.expiration,
  downloadToken: r.download_token,
  filename: r.filename,
  synthesisCount: r.synthesis_count,
  isStock: r.is_stock === 1,
  createdAt: r.created_at,
});

function defaultFilename(name: string, modelName: ModelName): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'voice';
  return `${slug}-${modelName === 'Hi Res' ? 'hires' : 'lowres'}.vocalid`;
}

export function createVoice(db: Database.Database, v: NewVoice): VoiceRow {
  const id = randomHexId();
  db.prepare(
    `INSERT INTO voices (id, name, model_name, account_id, owner_user_id, espeak_voice, base_pitch, base_speed,
       can_stream, can_download, expiration, download_token, filename, is_stock, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    v.name,
    v.modelName,
    v.accountId,
    v.ownerUserId,
    v.espeakVoice,
    v.basePitch,
    v.baseSpeed,
    v.canStream ? 1 : 0,
    v.canDownload ? 1 : 0,
    v.expiration,
    randomSecret(24),
    v.filename ?? defaultFilename(v.name, v.modelName),
    v.isStock ? 1 : 0,
    Date.now(),
  );
  return getVoiceById(db, id)!;
}

export function getVoiceById(db: Database.Database, id: string): VoiceRow | undefined {
  const r = db.prepare('SELECT * FROM voices WHERE id = ?').get(id) as VoiceRecord | undefined;
  return r && toVoice(r);
}

export function getVoiceByToken(db: Database.Database, downloadToken: string): VoiceRow | undefined {
  const r = db.prepare('SELECT * FROM voices WHERE download_token = ?').get(downloadToken) as VoiceRecord | undefined;
  return r && toVoice(r);
}

/** Stock voices plus the voices owned by the user (built for one of the user's accounts). */
export function listVoicesFor(db: Database.Database, userId: string): VoiceRow[] {
  const rows = db
    .prepare('SELECT * FROM voices WHERE is_stock = 1 OR owner_user_id = ? ORDER BY is_stock DESC, created_at, name')
    .all(userId) as VoiceRecord[];
  return rows.map(toVoice);
}

/** Whether the user may use the voice at all (stock, or owned by the user). */
export function isVoiceVisibleTo(voice: VoiceRow, userId: string): boolean {
  return voice.isStock || voice.ownerUserId === userId;
}

export function isVoiceExpired(voice: VoiceRow, nowMs: number): boolean {
  if (!voice.expiration) return false;
  const t = Date.parse(voice.expiration);
  return Number.isFinite(t) && t <= nowMs;
}

export function incrementSynthesisCount(db: Database.Database, voiceId: string): void {
  db.prepare('UPDATE voices SET synthesis_count = synthesis_count + 1 WHERE id = ?').run(voiceId);
}

export function countStockVoices(db: Database.Database): number {
  return db.prepare('SELECT COUNT(*) FROM voices WHERE is_stock = 1').pluck().get() as number;
}

/** The documented list entry (vocalid-api.txt "Query available voices"). */
export function voiceToApi(v: VoiceRow) {
  return {
    account_id: v.accountId,
    can_download: v.canDownload,
    can_stream: v.canStream,
    download_token: v.downloadToken,
    expiration: v.expiration,
    synthesis_count: v.synthesisCount,
    voice_id: v.id,
    filename: v.filename,
    model_name: v.modelName,
    name: v.name,
  };
}
