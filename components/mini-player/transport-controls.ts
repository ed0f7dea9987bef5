// The transport buttons the popup and the page player share, in one order, with the command whose keys each
// announces (aria-keyshortcuts from commands.getAll(), so keys the user reassigned are announced right).
import { i18n } from '../../utils/i18n/i18n';
import type { IconName } from './icons';
import type { MiniPlayerAction } from './mini-player-types';

export interface TransportControl {
  action: MiniPlayerAction;
  label: string;
  icon: IconName;
  /** The manifest command doing the same (wxt.config.ts `commands`). */
  command?: string;
}

export function transportControls(playing: boolean): TransportControl[] {
  return [
    { action: 'prev-paragraph', label: i18n.t('player.previousParagraph'), icon: 'prev-paragraph' },
    {
      action: 'prev-sentence',
      label: i18n.t('player.previousSentence'),
      icon: 'prev-sentence',
      command: 'previous-sentence',
    },
    {
      action: 'toggle',
      label: playing ? i18n.t('player.pause') : i18n.t('player.play'),
      icon: playing ? 'pause' : 'play',
      command: 'pause-resume',
    },
    { action: 'next-sentence', label: i18n.t('player.nextSentence'), icon: 'next-sentence', command: 'next-sentence' },
    { action: 'next-paragraph', label: i18n.t('player.nextParagraph'), icon: 'next-paragraph' },
    { action: 'stop', label: i18n.t('player.stop'), icon: 'stop', command: 'stop' },
  ];
}
