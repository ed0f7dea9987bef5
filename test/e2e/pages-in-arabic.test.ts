// The welcome page, the voice studio and the PDF reader in a browser whose language is Arabic: the pages are laid
// out right to left and say the Arabic messages (read here from locales/ar.yml as the build ships them), and the
// PDF's own text layer keeps the document's left-to-right geometry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeMessages, type ChromeMessages } from '../harness/locale-messages';
import { encryptedPdf } from '../pdf/encrypted-pdf';
import { launchBrowser, type LaunchedBrowser } from './helpers';

let browser: LaunchedBrowser;
let arabic: ChromeMessages;
let server: Server;
let base = '';
const say = (key: string) => arabic[key.replaceAll('.', '_')]!.message;

beforeAll(async () => {
  arabic = await chromeMessages('ar');
  const secret = encryptedPdf(['Secret words are read once the password is given.'], 'open sesame');
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': secret.length });
    res.end(secret);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser({ args: ['--lang=ar'] });
});
afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const open = async (path: string) => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return page;
};
const direction = (page: Awaited<ReturnType<typeof open>>) =>
  page.evaluate(() => [
    document.documentElement.lang,
    document.documentElement.dir,
    getComputedStyle(document.body).direction,
  ]);

describe('in Arabic', () => {
  it('the welcome page is right to left, in Arabic words', async () => {
    const page = await open('welcome.html');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(say('welcome.title'));
    expect(await direction(page)).toEqual(['ar', 'rtl', 'rtl']);
    expect(await page.title()).toBe(say('welcome.title'));
    expect(await page.locator('main button').first().textContent()).toBe(say('welcome.signIn'));
    await page.close();
  });

  it('the voice studio asks for consent in Arabic, right to left', async () => {
    const page = await open('voice-studio.html');
    await page.getByRole('heading', { name: say('studio.consentTitle') }).waitFor();
    expect(await direction(page)).toEqual(['ar', 'rtl', 'rtl']);
    expect(await page.getByRole('radio', { name: say('studio.genderFemale') }).count()).toBe(1);
    // A wrong age is refused in Arabic.
    await page.getByRole('radio', { name: say('studio.genderOther') }).check();
    await page.getByLabel(say('studio.age')).fill('abc');
    await page.getByRole('button', { name: say('studio.agree') }).click();
    expect(await page.getByRole('alert').textContent()).toBe(say('studio.ageRequired'));
    await page.close();
  });

  it('the PDF reader asks for the password in Arabic; the PDF keeps its own direction and language', async () => {
    const page = await open(`pdf-reader.html?src=${encodeURIComponent(`${base}/secret.pdf`)}`);
    await page.waitForSelector('#password-form:not([hidden])');
    expect(await direction(page)).toEqual(['ar', 'rtl', 'rtl']);
    expect(await page.locator('#password-label').textContent()).toBe(say('pdf.passwordPrompt'));
    expect(await page.locator('#password-form button').textContent()).toBe(say('pdf.submitPassword'));
    await page.fill('#password', 'wrong guess');
    await page.click('#password-form button');
    await expect.poll(() => page.locator('#password-label').textContent()).toBe(say('pdf.passwordWrong'));
    await page.fill('#password', 'open sesame');
    await page.click('#password-form button');
    await page.waitForSelector('.pdf-block');
    await page.waitForSelector('.pdf-page canvas');
    const layer = await page.evaluate(() => ({
      direction: getComputedStyle(document.querySelector('.text-layer')!).direction,
      canvas: getComputedStyle(document.querySelector('.pdf-page canvas')!).direction,
      lang: document.getElementById('pages')!.lang,
    }));
    // The test PDF names no language: unknown, not the UI's Arabic.
    expect(layer).toEqual({ direction: 'ltr', canvas: 'ltr', lang: '' });
    await page.close();
  });
});
