// The transport buttons the popup and the page player share, in one order, with the command whose keys each
// announces (aria-keyshortcuts from commands.getAll(), so keys the user reassigned are announced right).
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
    { action: 'prev-paragraph', label: 'Previous paragraph', icon: 'prev-paragraph' },
    { action: 'prev-sentence', label: 'Previous sentence', icon: 'prev-sentence', command: 'previous-sentence' },
    {
      action: 'toggle',
      label: playing ? 'Pause' : 'Play',
      icon: playing ? 'pause' : 'play',
      command: 'pause-resume',
    },
    { action: 'next-sentence', label: 'Next sentence', icon: 'next-sentence', command: 'next-sentence' },
    { action: 'next-paragraph', label: 'Next paragraph', icon: 'next-paragraph' },
    { action: 'stop', label: 'Stop', icon: 'stop', command: 'stop' },
  ];
}
