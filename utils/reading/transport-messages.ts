// What the page player needs from the worker beyond the reading's own messages: the volume (the page cannot write
// settings: storage is closed to content scripts, utils/privacy/storage-access.ts) and the keys of the commands
// (the page cannot call commands.getAll), so its buttons announce the keys the user really has.
import { browser, type Browser } from 'wxt/browser';
import { ariaShortcutsOf } from '../commands/aria-key-shortcut';
import { backgroundMessenger } from '../messages/background-protocol';
import { pageMessenger } from '../messages/page-protocol';
import { updateSettings } from '../settings/settings-store';
import { isActive, type ReadingState } from './reading-state';

export interface TransportMessageDeps {
  /** Throws unless the sender is the popup/Options or the page player of a tab we injected. */
  fromUiOrPage(sender: Browser.runtime.MessageSender): Promise<void>;
}

export function installTransportMessages(deps: TransportMessageDeps): void {
  backgroundMessenger.onMessage('setVolume', async ({ sender, data }) => {
    await deps.fromUiOrPage(sender);
    // The schema refuses anything but a number from 0 to 1 (utils/settings/follow-fields.ts checkVolume).
    return updateSettings({ volume: data?.volume });
  });
  backgroundMessenger.onMessage('getShortcuts', async ({ sender }) => {
    await deps.fromUiOrPage(sender);
    return ariaShortcutsOf(await browser.commands.getAll());
  });
}

/**
 * The "focus-player" command: brings the reading's tab forward and moves keyboard focus into its page player.
 * With no reading (or the player turned off) nothing is focused; the state says why.
 */
export async function focusPlayer(runtime: { state(): Promise<ReadingState> }): Promise<ReadingState> {
  const state = await runtime.state();
  if (!isActive(state) || state.tabId === null) return state;
  await browser.tabs.update(state.tabId, { active: true }).catch(() => undefined);
  await pageMessenger.sendMessage('page:focusPlayer', undefined, state.tabId).catch(() => undefined);
  return state;
}
