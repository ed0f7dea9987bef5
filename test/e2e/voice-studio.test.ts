// Voice studio in real Chromium with a fake microphone fed from WAV files this test writes (known pitch; too
// quiet; clipped), against the real local server: register → takes with their verdicts → a worker stopped
// mid-upload loses nothing → build followed by the alarm with the page closed → the voice listed and read with,
// its pitch measured here on the audio. One browser launch per microphone file, one profile for all of them.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  configureExtension,
  ext,
  ExtensionTargets,
  launchBrowser,
  openTab,
  repoRoot,
  serverRequests,
  setServerFaults,
  startFixtureServer,
  startTestServer,
  stopServiceWorker,
  waitFor,
  waitForEnd,
  type FixtureServer,
  type LaunchedBrowser,
  type TestServer,
} from './helpers';
import { decodeWav, median, pitchFrames, voicedSignal, wavBytes } from '../voice-studio/studio-audio';

/** What the test reaches in the worker's global scope (test build). */
type StudioSw = typeof globalThis & {
  chrome: {
    alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
    storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  };
  __vocalidStudioTest: { onAlarm(name: string): Promise<void> };
};

const F0 = 140;
const SAVE_PATH = '/api/v1/external/recording/save/';
const screenshots = path.join(repoRoot, 'docs/screenshots');

let server: TestServer;
let fixtures: FixtureServer;
let dir: string;
let profileDir: string;
let browser: LaunchedBrowser | undefined;

const micFile = (name: string) => path.join(dir, `${name}.wav`);

async function launchWithMic(name: string): Promise<LaunchedBrowser> {
  await browser?.close();
  browser = await launchBrowser({
    profileDir,
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${micFile(name)}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  return browser;
}

async function openStudio(b: LaunchedBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/voice-studio.html`, { waitUntil: 'load' });
  return page;
}

/** What the studio showed, for a wait that timed out: which step of a take it stopped at, and why. */
async function studioShows(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const text = (selector: string) =>
        [...document.querySelectorAll(selector)]
          .map((e) => e.textContent?.trim())
          .filter(Boolean)
          .join(' | ');
      const record = document.querySelector<HTMLButtonElement>('button[aria-keyshortcuts="R"]');
      const take = document.querySelector('.take-state');
      return [
        `heading: ${text('h2#prompt-title') || '(none)'}`,
        `record button: ${record ? `"${record.textContent}"${record.disabled ? ' (disabled)' : ''}` : '(none)'}`,
        `take: ${take ? `${take.getAttribute('data-state')} "${take.textContent}"` : '(none)'}`,
        `errors: ${text('.error') || '(none)'}`,
        `said: ${text('[aria-live]') || '(nothing)'}`,
      ].join('; ');
    })
    .catch((error: unknown) => `(page not readable: ${String(error)})`);
}

/** `locator.waitFor`, failing with what the page showed instead. */
async function waitToShow(page: Page, what: string, locator: Locator): Promise<void> {
  try {
    await locator.waitFor();
  } catch (error) {
    throw new Error(
      `${what} never showed (${String(error).split('\n')[0]}); the page showed: ${await studioShows(page)}`,
    );
  }
}

/** Records one take of `ms` through the page's keys and returns the warnings shown while recording. */
async function recordTake(page: Page, ms: number, screenshot?: string): Promise<Set<string>> {
  await waitToShow(page, 'the sentence heading', page.getByRole('heading', { name: /^Sentence \d+ of \d+$/ }));
  // R starts a take only once the page is ready for one (its Record button enabled): while it still loads the
  // account's progress or the previous answer, the key is ignored, as the disabled button shows.
  const record = page.getByRole('button', { name: /^Record( again)? \(R\)$/ });
  await expect.poll(() => record.isEnabled(), { timeout: 30_000 }).toBe(true);
  await page.keyboard.press('r');
  await waitToShow(page, 'Stop (R) after the first R', page.getByRole('button', { name: 'Stop (R)' }));
  const warnings = new Set<string>();
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const w = await page.locator('.warning').getAttribute('data-warning');
    if (w) warnings.add(w);
    await page.waitForTimeout(100);
  }
  // Mid-take: the live meter (and any warning) on screen.
  if (screenshot) await page.screenshot({ path: path.join(screenshots, screenshot), fullPage: true });
  await page.keyboard.press('r');
  await waitToShow(page, 'the recorded take after the second R', page.locator('.take-state[data-state="recorded"]'));
  return warnings;
}

async function progressCount(page: Page): Promise<number> {
  const text = (await page.locator('.progress-text').textContent()) ?? '';
  const match = /^(\d+) good/.exec(text);
  return match ? Number(match[1]) : -1;
}

async function studioTakes(sw: Worker): Promise<{ state: string; verdict?: string; hasAudio: boolean }[]> {
  return sw.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vocalid-voice-studio');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('takes', 'readonly');
          const all = tx.objectStore('takes').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { state: string; verdict?: string; wav?: ArrayBuffer }[]).map((t) => ({
                state: t.state,
                ...(t.verdict ? { verdict: t.verdict } : {}),
                hasAudio: t.wav !== undefined,
              })),
            );
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vocalid-studio-'));
  profileDir = path.join(dir, 'profile');
  await writeFile(micFile('voice'), wavBytes(voicedSignal({ f0: F0, seconds: 4, peak: 0.3 })));
  await writeFile(micFile('quiet'), wavBytes(voicedSignal({ f0: F0, seconds: 4, peak: 0.003 })));
  await writeFile(micFile('clipped'), wavBytes(voicedSignal({ f0: F0, seconds: 4, peak: 0.9, gain: 6 })));
  server = await startTestServer();
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('voice studio', () => {
  it('the test estimator finds the microphone file’s pitch', async () => {
    const { samples, rate } = decodeWav(await readFile(micFile('voice')));
    expect(median(pitchFrames(samples, rate))).toBeCloseTo(F0, -0.5);
  });

  it('registers after consent and records takes the server judges OK; a worker stopped mid-upload loses none', async () => {
    const b = await launchWithMic('voice');
    await configureExtension(b.sw, server);
    const page = await openStudio(b);
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'voice-studio-consent.png'), fullPage: true });
    // Body text at least 14 px (Chromium shrinks extension pages unless body sets it).
    const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('li')!).fontSize));
    expect(bodyPx).toBeGreaterThanOrEqual(14);
    await page.getByRole('radio', { name: 'female' }).check();
    await page.getByLabel('Age (years)').fill('41');
    await page.getByRole('button', { name: /I agree/ }).click();
    await page.getByRole('heading', { name: 'Sentence 1 of 65' }).waitFor({ timeout: 30_000 });
    const registered = (await serverRequests(server)).filter((r) =>
      r.path.startsWith('/api/v1/external/account/register'),
    );
    expect(registered.map((r) => r.status)).toEqual([200]);

    for (let i = 1; i <= 2; i++) {
      const warnings = await recordTake(page, 2500, i === 1 ? 'voice-studio-take.png' : undefined);
      expect([...warnings]).toEqual([]);
      await page.keyboard.press('n');
      await page.locator('.last-result', { hasText: `Sentence ${i}: Good take` }).waitFor({ timeout: 60_000 });
      await expect.poll(() => progressCount(page), { timeout: 30_000 }).toBe(i);
    }

    // Third take: the upload hangs on the server, the worker is stopped while it waits, and nothing is lost.
    await recordTake(page, 2500);
    await setServerFaults(server, [{ path: SAVE_PATH, hang: true, count: 1 }]);
    const before = (await serverRequests(server)).filter((r) => r.path.startsWith(SAVE_PATH)).length;
    await page.keyboard.press('n');
    await waitFor(
      async () => (await studioTakes(b.sw)).some((t) => t.state === 'uploading') || undefined,
      10_000,
      'the take marked uploading',
    );
    await stopServiceWorker(b);
    // The page asks the worker again; the new worker finds the take still "uploading" and sends it again.
    await expect.poll(() => progressCount(page), { timeout: 60_000 }).toBe(3);
    const takes = await studioTakes(b.sw);
    expect(takes.map((t) => t.verdict)).toEqual(['OK', 'OK', 'OK']);
    expect(takes.every((t) => t.state === 'done' && !t.hasAudio)).toBe(true);
    const saves = (await serverRequests(server)).filter((r) => r.path.startsWith(SAVE_PATH)).length;
    expect(saves - before).toBeGreaterThanOrEqual(1);
    await page.close();
  }, 300_000);

  it('a too-quiet take is warned about while speaking and answered “Too quiet” with advice', async () => {
    const b = await launchWithMic('quiet');
    const page = await openStudio(b);
    const warnings = await recordTake(page, 3000);
    expect(warnings.has('too-quiet')).toBe(true);
    await page.keyboard.press('n');
    const verdict = page.locator('.take-state[data-verdict="UNDERDRIVEN"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/Too quiet\..*closer to the microphone/);
    await page.screenshot({ path: path.join(screenshots, 'voice-studio-too-quiet.png'), fullPage: true });
    expect(await progressCount(page)).toBe(3);
    await page.close();
  });

  it('a clipped take is warned about while speaking and answered “Too loud” with advice', async () => {
    const b = await launchWithMic('clipped');
    const page = await openStudio(b);
    const warnings = await recordTake(page, 2500, 'voice-studio-clipping.png');
    expect(warnings.has('clipping')).toBe(true);
    await page.keyboard.press('n');
    const verdict = page.locator('.take-state[data-verdict="OVERDRIVEN"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toMatch(/Too loud\..*corner of your mouth/);
    expect(await progressCount(page)).toBe(3);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.close();
  });

  it('builds the voice, follows the build with the page closed, lists the voice and reads a page at the speaker’s pitch', async () => {
    const b = browser!;
    let page = await openStudio(b);
    await page.getByRole('button', { name: 'Build my voice' }).click();
    await page.locator('.build-state', { hasText: 'Building your voice' }).waitFor({ timeout: 30_000 });
    await page.close();
    const alarm = await b.sw.evaluate(() => (globalThis as StudioSw).chrome.alarms.get('vocalid-studio-build'));
    expect(alarm?.periodInMinutes).toBe(0.5);
    // The alarm's handler, as the alarm runs it (Chrome fires it no sooner than 30 s).
    await waitFor(
      async () => {
        await b.sw.evaluate(() => (globalThis as StudioSw).__vocalidStudioTest.onAlarm('vocalid-studio-build'));
        return (
          (await b.sw.evaluate(() => (globalThis as StudioSw).chrome.alarms.get('vocalid-studio-build'))) ===
            undefined || undefined
        );
      },
      60_000,
      'the build to finish',
      1000,
    );
    const notifications = await b.sw.evaluate(() => (globalThis as StudioSw).chrome.notifications.getAll());
    expect(Object.keys(notifications)).toContain('vocalid-voice-ready');
    const voiceList = (await b.sw.evaluate(() => (globalThis as StudioSw).chrome.storage.local.get('voiceList'))) as {
      voiceList?: { voices: { download_token: string; account_id: string | null; name?: string }[] };
    };
    const own = voiceList.voiceList?.voices.filter((v) => v.account_id !== null) ?? [];
    expect(own).toHaveLength(1);

    page = await openStudio(b);
    await page.locator('.build-state', { hasText: 'Your voice is ready' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, 'voice-studio-ready.png'), fullPage: true });
    await page.getByRole('button', { name: 'Read with my voice' }).click();
    await expect.poll(async () => (await ext.getSettings(b.sw)).voiceToken).toBe(own[0]!.download_token);

    // A page read in the new voice: its audio (from the extension's cache) against the recordings the server got.
    const { tabId } = await openTab(b, fixtures.url('short-article.html'));
    await ext.read(b.sw, tabId, { source: 'auto' });
    const state = await waitForEnd(b.sw);
    expect(state.status).toBe('done');
    const keys = state.units.map((u) => u.cacheKey).filter((k): k is string => !!k);
    // The cache may hold a unit as the server's WAV or, once played, compressed (Opus): the offscreen document turns
    // each entry into the WAV its player hears, with the extension's own codec.
    const offscreen = await new ExtensionTargets(b).offscreen();
    expect(offscreen, 'the offscreen document').toBeDefined();
    const audio = await offscreen!.evaluate<{ format: string; wav: string }[]>(`(async (keys) => {
      const hooks = globalThis.__vocalidOffscreenTest;
      await hooks.compactorIdle();
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('vocalid-audio');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const out = [];
      for (const key of keys) {
        const stored = await new Promise((resolve, reject) => {
          const get = db.transaction('audio').objectStore('audio').get(key);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        const format = String.fromCharCode(...new Uint8Array(stored, 0, 4));
        const bytes = new Uint8Array(await hooks.entryAsWav(stored));
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        out.push({ format, wav: btoa(text) });
      }
      db.close();
      return out;
    })(${JSON.stringify(keys)})`);
    expect(audio).toHaveLength(keys.length);
    const readF0: number[] = [];
    for (const { wav } of audio) {
      const { samples, rate } = decodeWav(new Uint8Array(Buffer.from(wav, 'base64')));
      readF0.push(...pitchFrames(samples, rate));
    }
    const recordingsDir = path.join(server.dataDir, 'recordings');
    const recordedF0: number[] = [];
    for (const account of await readdir(recordingsDir)) {
      for (const file of await readdir(path.join(recordingsDir, account))) {
        const { samples, rate } = decodeWav(await readFile(path.join(recordingsDir, account, file)));
        recordedF0.push(...pitchFrames(samples, rate));
      }
    }
    const spoken = median(readF0);
    const recorded = median(recordedF0);
    console.log(
      `median F0: recordings ${recorded.toFixed(1)} Hz (${recordedF0.length} frames), read page ${spoken.toFixed(1)} Hz (${readF0.length} frames; cached as ${audio.map((a) => a.format).join(' ')})`,
    );
    expect(readF0.length).toBeGreaterThan(50);
    expect(Math.abs(spoken - recorded) / recorded).toBeLessThan(0.15);
    await page.close();
  });
  it('studio messages from any other extension page are refused: "unexpected sender", nothing registered', async () => {
    const b = browser!;
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`, { waitUntil: 'load' });
    const before = (await serverRequests(server)).length;
    const answers = await options.evaluate(async () => {
      const g = globalThis as unknown as { chrome: { runtime: { sendMessage(msg: unknown): Promise<unknown> } } };
      const send = (type: string, data: unknown) =>
        g.chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }) as Promise<{
          res?: unknown;
          err?: { message?: string };
        }>;
      return [await send('studioStatus', undefined), await send('studioRegister', { gender: 'male', age: 30 })];
    });
    expect(answers.map((a) => [a.res, a.err?.message])).toEqual([
      [undefined, 'unexpected sender'],
      [undefined, 'unexpected sender'],
    ]);
    expect((await serverRequests(server)).slice(before).filter((r) => r.path.includes('/account/'))).toEqual([]);
    await options.close();
  });
});
