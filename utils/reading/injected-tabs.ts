// The tabs our page script was injected into (storage.session: the worker may die between the injection and the
// page script's first message). Messages claiming to come from a page script are accepted only from these tabs.
import { injectedTabsItem } from '../storage/stored-items';
/** Enough for any realistic session; the oldest are dropped first. */
const MAX_TABS = 100;

async function load(): Promise<number[]> {
  const stored = await injectedTabsItem.getValue();
  return Array.isArray(stored) ? stored.filter((n): n is number => typeof n === 'number') : [];
}

export async function rememberInjectedTab(tabId: number): Promise<void> {
  const tabs = (await load()).filter((t) => t !== tabId);
  tabs.push(tabId);
  await injectedTabsItem.setValue(tabs.slice(-MAX_TABS));
}

export async function wasInjected(tabId: number): Promise<boolean> {
  return (await load()).includes(tabId);
}
