// The extension with the browser in Arabic (`--lang=ar`), in real Chromium: every page of ours and the on-page
// player laid out right to left and marked `lang="ar"`, no English message left on screen or in an accessible name,
// the command names in Arabic, axe clean; screenshots in docs/screenshots/. English is what every other e2e file
// sees, so that side is covered there.
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { chromeMessages } from '../harness/locale-messages';
import { ext, openTab, playerControl, playingUnit, repoRoot, useExtensionSession, waitForState } from './helpers';

const session = useExtensionSession({ language: 'ar', settings: { showMiniPlayer: true } });
const english = await chromeMessages('en');
const arabic = await chromeMessages('ar');

/**
 * English messages that would give away an untranslated string: those whose Arabic differs, of two words or more
 * (a lone word such as "Voice" could be part of the server's voice names or the article).
 */
const englishOnly = Object.entries(english)
  .filter(([key, { message }]) => arabic[key]?.message !== message && /\p{L}{2,} \p{L}{2,}/u.test(message))
  .map(([, { message }]) => message.split(/\{\w+\}/)[0]!.trim())
  .filter((text) => text.split(' ').length >= 2);

/** Every English message whose Arabic differs, whole: a control named exactly one of these was left in English. */
const englishMessages = new Set(
  Object.entries(english)
    .filter(([key, { message }]) => arabic[key]?.message !== message && !/\{\w+\}/.test(message))
    .map(([, { message }]) => message),
);

interface Shown {
  text: string;
  /** Accessible names and button texts, each whole. */
  names: string[];
}

/** Visible text, and the names of controls, of a page (or of the shadow root under `host`). */
function shown(page: Page, host?: string): Promise<Shown> {
  return page.evaluate((hostSelector) => {
    const root: Document | ShadowRoot = hostSelector ? document.querySelector(hostSelector)!.shadowRoot! : document;
    const text =
      root instanceof ShadowRoot
        ? [...root.children].map((e) => (e as HTMLElement).innerText ?? '').join('\n')
        : document.body.innerText;
    const names = [...root.querySelectorAll('[aria-label],[title],[placeholder],[alt],button,label,summary,h1,h2,h3')]
      .flatMap((e) => [
        ...['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? ''),
        (e as HTMLElement).innerText ?? '',
      ])
      .map((n) => n.trim())
      .filter(Boolean);
    return { text, names };
  }, host);
}

function leftInEnglish({ text, names }: Shown): string[] {
  return [
    ...englishOnly.filter((message) => text.includes(message)),
    ...names.filter((name) => englishMessages.has(name)),
  ];
}

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openExtensionPage(pathAndQuery: string): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}${pathAndQuery}`, { waitUntil: 'load' });
  await page.locator('body *').first().waitFor();
  await page.waitForTimeout(500);
  return page;
}

async function documentLanguage(page: Page): Promise<[string, string, string]> {
  return page.evaluate(() => [
    document.documentElement.lang,
    document.documentElement.dir,
    getComputedStyle(document.body).direction,
  ]);
}

const pages: [string, string][] = [
  ['the welcome page', '/welcome.html'],
  ['Options', '/options.html'],
  ['the voice studio', '/voice-studio.html'],
  ['the PDF reader', '/pdf-reader.html'],
  [
    'the privacy question',
    `/privacy-prompt.html?${new URLSearchParams({ id: 'ar-check', site: 'news.example', chars: '1234', server: 'https://x.test' })}`,
  ],
];

const opened: Page[] = [];
afterAll(async () => {
  for (const page of opened) await page.close().catch(() => undefined);
});

describe('the extension in Arabic', () => {
  it('names its commands in Arabic', async () => {
    type CommandsGlobal = { chrome: { commands: { getAll(): Promise<{ name?: string; description?: string }[]> } } };
    const commands = await session.browser.sw.evaluate(() =>
      (globalThis as unknown as CommandsGlobal).chrome.commands.getAll(),
    );
    const stop = commands.find((c) => c.name === 'stop');
    expect(stop?.description).toBe(arabic.manifest_commands_stop?.message);
  });

  it.each(pages)('%s is right to left, in Arabic, with no English message and no axe violation', async (name, url) => {
    const page = await openExtensionPage(url);
    opened.push(page);
    expect(await documentLanguage(page)).toEqual(['ar', 'rtl', 'rtl']);
    expect(leftInEnglish(await shown(page))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    if (name === 'Options' || name === 'the welcome page') {
      // Mirrored: the first heading's text starts at the right edge of its box.
      const [boxRight, textRight] = await page.evaluate(() => {
        const h1 = document.querySelector('h1')!;
        const range = document.createRange();
        range.selectNodeContents(h1);
        return [
          h1.getBoundingClientRect().right - parseFloat(getComputedStyle(h1).paddingRight),
          range.getBoundingClientRect().right,
        ];
      });
      expect(Math.abs(boxRight - textRight)).toBeLessThan(2);
      const file = name === 'Options' ? 'options-ar.png' : 'welcome-ar.png';
      await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots', file) });
    }
  });

  it('the popup and the page player read in Arabic, right to left', async () => {
    const { page: article, tabId } = await openTab(session.browser, `${session.server.url}/demo/article.html`);
    opened.push(article);
    await ext.read(session.browser.sw, tabId, { source: 'article' });
    await waitForState(session.browser.sw, (s) => playingUnit(s) !== undefined, 60_000, 'audio to start');
    await playerControl(article, 'toggle').waitFor({ timeout: 10_000 });

    const player = await article.evaluate(() => {
      const host = document.querySelector('vocalid-mini-player')!;
      const inner = host.shadowRoot!.querySelector('[data-action]')!.parentElement!;
      return [host.getAttribute('lang'), getComputedStyle(inner).direction];
    });
    expect(player).toEqual(['ar', 'rtl']);
    expect(leftInEnglish(await shown(article, 'vocalid-mini-player'))).toEqual([]);
    expect(await axeViolations(article, 'vocalid-mini-player')).toEqual([]);
    await article
      .locator('vocalid-mini-player')
      .screenshot({ path: path.join(repoRoot, 'docs/screenshots/player-ar.png') });

    const popup = await openExtensionPage(`/popup.html?tab=${tabId}`);
    opened.push(popup);
    expect(await documentLanguage(popup)).toEqual(['ar', 'rtl', 'rtl']);
    expect(leftInEnglish(await shown(popup))).toEqual([]);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.screenshot({ path: path.join(repoRoot, 'docs/screenshots/popup-ar.png') });
    await ext.stop(session.browser.sw);
  });
});
