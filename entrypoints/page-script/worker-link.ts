// What the page script and our PDF reader page share in talking to the service worker: the check that a message
// comes from our worker, the on-page controls sent to it, and (test builds) the snapshot mirrored into the DOM.
import type { MiniPlayerAction } from '../../components/mini-player/mini-player-types';
import { backgroundMessenger, type SeekTarget } from '../../utils/messages/background-protocol';
import { isFromBackground } from '../../utils/messages/background-context';
import type { FollowSnapshot, PageAction } from './follow-along';

const SEEKS: Partial<Record<MiniPlayerAction, Extract<SeekTarget, { to: string }>['to']>> = {
  'prev-sentence': 'prev-sentence',
  'next-sentence': 'next-sentence',
  'prev-paragraph': 'prev-paragraph',
  'next-paragraph': 'next-paragraph',
};

export function fromOurWorker(sender: Parameters<typeof isFromBackground>[0]): void {
  // Our background (Chrome's service worker, Firefox's background page), not the popup or another extension page.
  if (!isFromBackground(sender)) throw new Error('unexpected sender');
}

/** Test builds only: what is highlighted, as attributes of <html>, readable from the page's main world. */
export function mirror(doc: Document, s: FollowSnapshot): void {
  const set = (name: string, value: string | number | null) => {
    if (value === null) doc.documentElement.removeAttribute(name);
    else doc.documentElement.setAttribute(name, String(value));
  };
  set('data-vocalid-sentence', s.sentence);
  set('data-vocalid-word', s.word);
  set('data-vocalid-word-start', s.wordStart);
  set('data-vocalid-remaining-ms', s.remainingMs);
  set('data-vocalid-unit', s.unitIndex);
}

export const report = (err: unknown) => console.warn('[VocaliD] request failed', err);

/** The on-page player's buttons and the "Continue from" offer, sent to the worker (also from the PDF reader page). */
export function onAction(action: PageAction): void {
  if (action.kind === 'continue') {
    backgroundMessenger.sendMessage('seek', { index: action.index }).catch(report);
    return;
  }
  if (action.kind === 'seek') {
    backgroundMessenger.sendMessage('seek', action.target).catch(report);
    return;
  }
  if (action.kind === 'volume') {
    backgroundMessenger.sendMessage('setVolume', { volume: action.volume }).catch(report);
    return;
  }
  const seek = SEEKS[action.action];
  if (seek) backgroundMessenger.sendMessage('seek', { to: seek }).catch(report);
  else if (action.action === 'toggle') backgroundMessenger.sendMessage('togglePause', undefined).catch(report);
  else if (action.action === 'stop') backgroundMessenger.sendMessage('stop', undefined).catch(report);
  else if (action.action === 'faster') backgroundMessenger.sendMessage('stepRate', { direction: 1 }).catch(report);
  else if (action.action === 'slower') backgroundMessenger.sendMessage('stepRate', { direction: -1 }).catch(report);
  else if (action.action === 'error-action')
    backgroundMessenger.sendMessage('errorAction', { choice: 'act' }).catch(report);
  else if (action.action === 'dismiss')
    backgroundMessenger.sendMessage('errorAction', { choice: 'dismiss' }).catch(report);
}

/** The keys of our commands, for the player's aria-keyshortcuts (pages cannot call commands.getAll). */
export const loadShortcuts = (): Promise<Record<string, string>> =>
  backgroundMessenger.sendMessage('getShortcuts', undefined);
