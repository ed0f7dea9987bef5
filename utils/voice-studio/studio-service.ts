// The service worker's side of the voice studio: it alone talks to VocaliD (tokens never reach the page). The
// studio page records takes into the take store and asks, by message, to register, upload and build; uploads run
// from the take store (upload-queue.ts) and resume whenever the worker starts again; a build is followed with an
// alarm, so it is noticed with the page closed, and a notification says when the voice is ready.
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '../i18n/i18n';
import { backgroundMessenger } from '../messages/background-protocol';
import { isFromExtensionPage } from '../messages/sender-checks';
import type { Settings } from '../settings/settings-schema';
import { getSettings, updateSettings } from '../settings/settings-store';
import { accountInfo, ACCOUNT_SCOPE, GENDERS, registerAccount } from '../vocalid/account-api';
import { isVocalidApiError } from '../vocalid/api-error';
import { noCredentialsFetch } from '../vocalid/no-credentials-fetch';
import { signInWithPkce } from '../vocalid/pkce-sign-in';
import { storePkceTokens } from '../vocalid/pkce-token-source';
import { saveRecording } from '../vocalid/recording-api';
import { createVocalidClient, type VoiceInfo } from '../vocalid/vocalid-client';
import { BUILD_SCOPE, buildStatus, requestBuild } from '../vocalid/voice-build-api';
import { clearStudioAccount, loadStudioAccount, saveStudioAccount, type StudioAccount } from './studio-account';
import { ensureScopes } from './studio-scopes';
import { MIN_OK_TAKES, type StudioRegistration, type StudioStatus } from './studio-status';
import { createTakeStore, summarizeTake } from './take-store';
import { createUploadQueue } from './upload-queue';

export const STUDIO_PAGE = '/voice-studio.html';
export const UPLOAD_ALARM = 'vocalid-studio-uploads';
export const BUILD_ALARM = 'vocalid-studio-build';
export const READY_NOTIFICATION = 'vocalid-voice-ready';
/** Chrome's shortest alarm period for packed extensions. */
const ALARM_MINUTES = 0.5;

export interface VoiceStudioDeps {
  /** A fresh voices/list, stored for the voice picker (the reading runtime's listVoices(true)). */
  refreshVoices(): Promise<VoiceInfo[]>;
  /** Reads with this voice from now on (the reading runtime's setVoiceParams). */
  useVoice(voiceToken: string): Promise<unknown>;
}

/** An error as the page shows it: the API's sentence for people, never a technical detail or a token. */
function forPage(error: unknown): Error {
  if (isVocalidApiError(error)) return new Error(error.userMessage);
  return error instanceof Error ? error : new Error(String(error));
}

function checkRegistration(value: unknown): StudioRegistration {
  const r = value as Partial<StudioRegistration> | null;
  if (typeof r !== 'object' || r === null || !GENDERS.includes(r.gender as never)) {
    throw new Error(i18n.t('studio.genderRequired'));
  }
  if (typeof r.age !== 'number' || !Number.isInteger(r.age) || r.age < 1 || r.age > 130) {
    throw new Error(i18n.t('studio.ageRequired'));
  }
  return { gender: r.gender as StudioRegistration['gender'], age: r.age };
}

export function createVoiceStudioService(deps: VoiceStudioDeps) {
  const client = createVocalidClient({ fetch: noCredentialsFetch });
  const takes = createTakeStore();
  const queue = createUploadQueue({
    store: takes,
    upload: (take) =>
      saveRecording(client, { accountId: take.accountId, sentence: take.sentence, wav: new Uint8Array(take.wav) }),
  });

  const scopeDeps = {
    getSettings,
    updateSettings: (patch: Partial<Settings>) => updateSettings(patch),
    async signIn(settings: Settings, scopes: string[]) {
      const tokens = await signInWithPkce({
        baseUrl: settings.baseUrl,
        scopes,
        redirectUri: browser.identity.getRedirectURL(),
        launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
        fetch: noCredentialsFetch,
      });
      await storePkceTokens(tokens);
    },
  };

  async function currentAccount(): Promise<StudioAccount | undefined> {
    return loadStudioAccount((await getSettings()).baseUrl);
  }

  async function requireAccount(): Promise<StudioAccount> {
    const account = await currentAccount();
    if (!account) throw new Error(i18n.t('studio.registerFirst'));
    return account;
  }

  /** Sends what is due; an alarm wakes the worker for what is left (a retry later, or a worker that stops). */
  async function runUploads(): Promise<void> {
    const next = await queue.run();
    if (next === undefined) await browser.alarms.clear(UPLOAD_ALARM);
    else await browser.alarms.create(UPLOAD_ALARM, { when: Math.max(next, Date.now() + ALARM_MINUTES * 60_000) });
  }

  /** Asks build/status about the followed build; on COMPLETE finds the voice, stores it and tells the user. */
  async function checkBuild(): Promise<StudioAccount | undefined> {
    const account = await currentAccount();
    const build = account?.build;
    if (!account || !build || build.status !== 'PENDING') {
      await browser.alarms.clear(BUILD_ALARM);
      return account;
    }
    const [record] = await buildStatus(client, { accountId: account.accountId, buildId: build.buildId });
    if (!record || record.status === 'PENDING') return account;
    let next: StudioAccount;
    if (record.status === 'COMPLETE') {
      const voices = await deps.refreshVoices();
      const voice = voices.find((v) => v.voice_id === record.voiceId);
      next = {
        ...account,
        build: {
          ...build,
          status: 'COMPLETE',
          ...(record.voiceId ? { voiceId: record.voiceId } : {}),
          ...(voice
            ? { voiceToken: voice.download_token, voiceName: voice.name ?? i18n.t('studio.defaultVoiceName') }
            : {}),
        },
      };
    } else {
      next = {
        ...account,
        build: { ...build, status: 'ERROR', error: i18n.t('studio.buildError') },
      };
    }
    await saveStudioAccount(next);
    await browser.alarms.clear(BUILD_ALARM);
    await notifyBuild(next);
    return next;
  }

  async function notifyBuild(account: StudioAccount): Promise<void> {
    const build = account.build;
    if (!build || build.notified) return;
    const ready = build.status === 'COMPLETE';
    await browser.notifications
      .create(READY_NOTIFICATION, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: i18n.t(ready ? 'studio.notifyReadyTitle' : 'studio.notifyFailedTitle'),
        message: ready
          ? i18n.t('studio.notifyReady', { name: build.voiceName ?? i18n.t('studio.defaultVoiceName') })
          : i18n.t('studio.notifyFailed'),
      })
      .catch(() => undefined);
    await saveStudioAccount({ ...account, build: { ...build, notified: true } });
  }

  async function status(): Promise<StudioStatus> {
    const settings = await getSettings();
    let account = await currentAccount();
    let sentencesRecorded: number | null = null;
    let problem: string | undefined;
    if (account) {
      try {
        if (account.build?.status === 'PENDING') account = await checkBuild();
        if (account) sentencesRecorded = (await accountInfo(client, account.accountId)).sentencesRecorded;
      } catch (error) {
        problem = forPage(error).message;
      }
    }
    const all = account ? (await takes.list()).filter((t) => t.accountId === account!.accountId) : [];
    return {
      authMethod: settings.authMethod,
      account: account ? { accountId: account.accountId, consentedAt: account.consentedAt, sentencesRecorded } : null,
      minTakes: MIN_OK_TAKES,
      takes: all.map(summarizeTake),
      build: account?.build ?? null,
      ...(problem ? { problem } : {}),
    };
  }

  async function register(value: unknown): Promise<StudioStatus> {
    const registration = checkRegistration(value);
    await ensureScopes([ACCOUNT_SCOPE], scopeDeps);
    const accountId = await registerAccount(client, registration);
    const { baseUrl } = await getSettings();
    await takes.clear();
    await saveStudioAccount({ baseUrl, accountId, consentedAt: Date.now() });
    return status();
  }

  async function upload(takeId: string) {
    const account = await requireAccount();
    const take = await takes.get(takeId);
    if (!take || take.accountId !== account.accountId) throw new Error(i18n.t('studio.takeGone'));
    const settled = await queue.enqueue(takeId);
    await runUploads();
    return settled ? summarizeTake(settled) : null;
  }

  async function build(): Promise<StudioStatus> {
    const account = await requireAccount();
    await ensureScopes([BUILD_SCOPE], scopeDeps);
    const answer = await requestBuild(client, account.accountId);
    let buildId: string | undefined;
    if ('buildId' in answer) buildId = answer.buildId;
    else {
      const pending = (await buildStatus(client, { accountId: account.accountId })).find((b) => b.status === 'PENDING');
      buildId = pending?.buildId;
    }
    if (!buildId) throw new Error(i18n.t('studio.buildNotListed'));
    await saveStudioAccount({ ...account, build: { buildId, status: 'PENDING', requestedAt: Date.now() } });
    await browser.alarms.create(BUILD_ALARM, { periodInMinutes: ALARM_MINUTES });
    return status();
  }

  async function useVoice(): Promise<StudioStatus> {
    const account = await requireAccount();
    const token = account.build?.voiceToken;
    if (!token) throw new Error(i18n.t('studio.notReady'));
    await deps.useVoice(token);
    return status();
  }

  async function clearProgress(): Promise<StudioStatus> {
    await takes.clear();
    await clearStudioAccount();
    await browser.alarms.clear(UPLOAD_ALARM);
    await browser.alarms.clear(BUILD_ALARM);
    return status();
  }

  async function onAlarm(name: string): Promise<void> {
    if (name === UPLOAD_ALARM) await runUploads();
    if (name === BUILD_ALARM) await checkBuild();
  }

  return { status, register, upload, build, useVoice, clearProgress, runUploads, checkBuild, onAlarm };
}

export type VoiceStudioService = ReturnType<typeof createVoiceStudioService>;

/** Wires the studio into the worker: its messages (from the studio page only), its alarms, resumed uploads. */
export function installVoiceStudio(deps: VoiceStudioDeps): VoiceStudioService {
  const service = createVoiceStudioService(deps);
  const id = browser.runtime.id;
  const origin = browser.runtime.getURL('/');
  const fromStudio = (sender: Browser.runtime.MessageSender) => {
    if (!isFromExtensionPage(sender, id, origin, [STUDIO_PAGE])) throw new Error('unexpected sender');
  };
  const handle =
    <T>(work: (data: unknown) => Promise<T>) =>
    async ({ sender, data }: { sender: Browser.runtime.MessageSender; data: unknown }): Promise<T> => {
      fromStudio(sender);
      try {
        return await work(data);
      } catch (error) {
        throw forPage(error);
      }
    };
  backgroundMessenger.onMessage(
    'studioStatus',
    handle(() => service.status()),
  );
  backgroundMessenger.onMessage(
    'studioRegister',
    handle((data) => service.register(data)),
  );
  backgroundMessenger.onMessage(
    'studioUpload',
    handle((data) => service.upload(String((data as { takeId?: unknown } | null)?.takeId ?? ''))),
  );
  backgroundMessenger.onMessage(
    'studioBuild',
    handle(() => service.build()),
  );
  backgroundMessenger.onMessage(
    'studioUseVoice',
    handle(() => service.useVoice()),
  );
  backgroundMessenger.onMessage(
    'studioClearProgress',
    handle(() => service.clearProgress()),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPLOAD_ALARM || alarm.name === BUILD_ALARM)
      void service.onAlarm(alarm.name).catch(() => undefined);
  });
  browser.notifications?.onClicked.addListener((notificationId) => {
    if (notificationId !== READY_NOTIFICATION) return;
    void browser.tabs.create({ url: browser.runtime.getURL(STUDIO_PAGE) });
  });
  // A worker that stopped mid-upload (or was woken by anything) carries the queue on.
  void service.runUploads().catch(() => undefined);
  void service.checkBuild().catch(() => undefined);
  if (__BUILD_KIND__ !== 'release') {
    (globalThis as { __vocalidStudioTest?: unknown }).__vocalidStudioTest = {
      onAlarm: service.onAlarm,
      runUploads: service.runUploads,
    };
  }
  return service;
}
