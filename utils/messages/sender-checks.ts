// Every onMessage handler first checks who sent the message (docs/architecture.md "Extension message protocols").
// Without `externally_connectable` web pages cannot reach runtime.onMessage, but content scripts of any tab can,
// so extension-page messages are recognised by their URL, and page-script messages by their tab.
import type { Browser } from 'wxt/browser';

type Sender = Pick<Browser.runtime.MessageSender, 'id' | 'url' | 'tab' | 'frameId'>;

function pathOf(url: string | undefined, origin: string): string | null {
  if (!url || !url.startsWith(origin)) return null;
  return new URL(url).pathname;
}

/** True when the message comes from one of our own extension pages (popup, options, offscreen…). */
export function isFromExtensionPage(
  sender: Sender,
  extensionId: string,
  extensionOrigin: string,
  pages?: string[],
): boolean {
  if (sender.id !== extensionId) return false;
  const path = pathOf(sender.url, extensionOrigin);
  if (path === null) return false;
  return pages === undefined || pages.includes(path);
}

/** True when the message comes from a script we injected into the given tab (top frame). */
export function isFromTab(sender: Sender, extensionId: string, tabId: number): boolean {
  return sender.id === extensionId && sender.tab?.id === tabId && (sender.frameId ?? 0) === 0;
}

/** True when the message comes from our background context, whose document or script is at `backgroundPath`. */
export function isFromBackgroundContext(
  sender: Sender,
  extensionId: string,
  extensionOrigin: string,
  backgroundPath: string,
): boolean {
  return sender.tab === undefined && isFromExtensionPage(sender, extensionId, extensionOrigin, [backgroundPath]);
}
