// Presets end to end: made in Options, set for the fixture site's host, used by the next reading's synthesis
// requests (the server's request log shows its pitch and rate), shown and switched in the popup.
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import {
  clearServerRequests,
  ext,
  openOptions,
  openPopup,
  openTab,
  synthesisRequests,
  useExtensionSession,
  waitFor,
} from './helpers';

const session = useExtensionSession({ settings: { pitch: 1, rate: 2 }, reset: false });

async function readAndCollect(tabId: number) {
  await clearServerRequests(session.server);
  const state = await ext.read(session.browser.sw, tabId, { source: 'article' });
  expect(state.status).not.toBe('error');
  const requests = await waitFor(
    async () => {
      const r = await synthesisRequests(session.server);
      return r.length > 0 ? r : undefined;
    },
    15_000,
    'synthesis requests',
  );
  await ext.stop(session.browser.sw);
  return requests;
}

describe('presets', () => {
  it('a preset set for the site host is used by the next reading, and the popup shows and switches it', async () => {
    const options = await openOptions(session.browser);
    await options.getByLabel('Preset name').fill('Slow and high');
    await options.getByLabel('Pitch', { exact: true }).fill('1.7');
    await options.getByLabel('Speed (× normal)', { exact: true }).fill('0.6');
    await options.getByRole('button', { name: 'Save preset' }).click();
    await waitFor(
      async () => ((await ext.getSettings(session.browser.sw)).presets as unknown[]).length === 1,
      5_000,
      'the preset to be saved',
    );

    const url = session.fixtures.url('short-article.html');
    await options.getByLabel('Site (for example news.example.com)').fill(url); // a pasted address works too
    await options.getByLabel('Preset', { exact: true }).selectOption({ label: 'Slow and high' });
    await options.getByRole('button', { name: 'Set for this site' }).click();
    await waitFor(
      async () => Object.keys((await ext.getSettings(session.browser.sw)).sitePresets as object).includes('127.0.0.1'),
      5_000,
      'the site preset',
    );

    const { tabId } = await openTab(session.browser, url);
    const withPreset = await readAndCollect(tabId);
    for (const r of withPreset) expect({ pitch: r.pitch, rate: r.rate }).toEqual({ pitch: 1.7, rate: 0.6 });

    const popup = await openPopup(session.browser, tabId);
    const switcher = popup.getByTestId('popup-site-preset');
    await switcher.waitFor();
    expect(await popup.getByLabel('Preset for 127.0.0.1').inputValue()).not.toBe('');
    expect(await switcher.locator('option:checked').textContent()).toBe('Slow and high');
    const axe = await new AxeBuilder({ page: popup }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Switch back to the general settings from the popup.
    await switcher.selectOption('');
    await waitFor(
      async () => !Object.keys((await ext.getSettings(session.browser.sw)).sitePresets as object).includes('127.0.0.1'),
      5_000,
      'the site preset to be removed',
    );

    const general = await readAndCollect(tabId);
    for (const r of general) expect({ pitch: r.pitch, rate: r.rate }).toEqual({ pitch: 1, rate: 2 });
  });
});
