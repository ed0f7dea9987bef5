// The studio's takes in IndexedDB (idb-keyval, a database of its own): the studio page writes a take the moment
// it is recorded, the service worker uploads it and keeps its state here, so closing the page, going offline or
// the worker stopping loses nothing. The audio stays until the server has answered for it.
import { clear, createStore, del, get, set, update, values, type UseStore } from 'idb-keyval';
import type { SentenceStatusCode } from '../vocalid/recording-api';

export const TAKES_DB = 'vocalid-voice-studio';
export const TAKES_STORE = 'takes';

/**
 * recorded: on this computer only; queued: waiting for its upload (again, after a failure that may pass);
 * uploading: sent, answer not yet stored (found so after a worker restart, it is sent again); done: the server
 * answered with its verdict (the audio is dropped); failed: refused for good (the audio is kept, re-record or
 * delete it).
 */
export type TakeState = 'recorded' | 'queued' | 'uploading' | 'done' | 'failed';

export interface Take {
  id: string;
  accountId: string;
  promptId: string;
  sentence: string;
  /** The WAV bytes, until the server answered. */
  wav?: ArrayBuffer;
  durationMs: number;
  createdAt: number;
  updatedAt: number;
  state: TakeState;
  attempts: number;
  verdict?: SentenceStatusCode;
  /** Why the last upload failed, in words for the speaker. */
  error?: string;
  /** Not before this time (ms since epoch) is a queued take sent again. */
  nextAttemptAt?: number;
}

/** What pages are told about a take: everything but the audio. */
export type TakeSummary = Omit<Take, 'wav'> & { hasAudio: boolean };

export function summarizeTake(take: Take): TakeSummary {
  const { wav, ...rest } = take;
  return { ...rest, hasAudio: wav !== undefined };
}

export interface TakeStore {
  put(take: Take): Promise<void>;
  get(id: string): Promise<Take | undefined>;
  list(): Promise<Take[]>;
  /** Changes one take atomically (one IndexedDB transaction); returns the new take, undefined if it is gone. */
  update(id: string, change: (take: Take) => Take): Promise<Take | undefined>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

export function createTakeStore(store: UseStore = createStore(TAKES_DB, TAKES_STORE)): TakeStore {
  return {
    put: (take) => set(take.id, take, store),
    get: (id) => get<Take>(id, store),
    async list() {
      const all = await values<Take>(store);
      return all.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    },
    async update(id, change) {
      let result: Take | undefined;
      await update<Take | undefined>(
        id,
        (old) => {
          result = old ? change(old) : undefined;
          return result;
        },
        store,
      );
      // idb-keyval stores `undefined` for a missing key; remove it again.
      if (result === undefined) await del(id, store);
      return result;
    },
    delete: (id) => del(id, store),
    clear: () => clear(store),
  };
}

export function newTakeId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}
