// Secrets and settings live in storage.local; tokens in storage.session. Content scripts run inside web pages,
// so neither area may be readable from them. storage.session is restricted by default; storage.local is not
// in Chromium, so the service worker restricts it on every start (the setting persists, repeating it is cheap).
import { browser } from 'wxt/browser';

type AreaWithAccess = { setAccessLevel?: (o: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };

export async function restrictStorageToExtension(): Promise<void> {
  for (const area of [browser.storage.local, browser.storage.session] as unknown as AreaWithAccess[]) {
    // Browsers without setAccessLevel for an area (Firefox for local) keep their default.
    await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  }
}
