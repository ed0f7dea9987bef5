import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '../../utils/i18n/i18n';
import { plural } from '../../utils/i18n/plural-message';
import { formatNumber } from '../../utils/i18n/locale-format';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { promptSetFor } from '../../utils/voice-studio/prompt-list';
import type { StudioRegistration, StudioStatus } from '../../utils/voice-studio/studio-status';
import { createTakeStore, newTakeId, type TakeSummary } from '../../utils/voice-studio/take-store';
import { encodeTakeWav } from '../../utils/voice-studio/take-wav';
import { verdictLine } from '../../utils/voice-studio/verdict-text';
import { BuildPanel } from './BuildPanel';
import { ConsentForm } from './ConsentForm';
import { RecordingPanel } from './RecordingPanel';

const POLL_MS = 2000;
const takeStore = createTakeStore();
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The newest take of a prompt: the one the speaker is working on. */
function takeFor(takes: TakeSummary[], promptId: string): TakeSummary | undefined {
  return takes.filter((t) => t.promptId === promptId).at(-1);
}

/** "Sentence 3: …" for the result of a take, said and shown. */
const sentenceLine = (index: number, text: string) =>
  i18n.t('studio.sentenceLine', { number: formatNumber(index + 1), text });

const isSettled = (t: TakeSummary) => t.state === 'done' || t.state === 'failed' || t.state === 'recorded';

export function VoiceStudioApp() {
  const promptSet = useMemo(() => promptSetFor(navigator.language || 'en'), []);
  const prompts = promptSet.prompts;
  const [status, setStatus] = useState<StudioStatus | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [index, setIndex] = useState<number | null>(null);
  const [playUrl, setPlayUrl] = useState<string | undefined>();
  const [lastResult, setLastResult] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [polite, setPolite] = useState('');
  const [urgent, setUrgent] = useState('');
  const playUrlRef = useRef<string | undefined>(undefined);

  const announce = (text: string, isUrgent = false) => (isUrgent ? setUrgent(text) : setPolite(text));

  async function refresh(): Promise<StudioStatus | null> {
    try {
      const next = await backgroundMessenger.sendMessage('studioStatus', undefined);
      setStatus(next);
      setProblem(next.problem ?? '');
      return next;
    } catch (error) {
      setProblem(messageOf(error));
      return null;
    }
  }

  useEffect(() => {
    void refresh();
  }, []);

  // The first sentence without a good take, once the takes are known.
  useEffect(() => {
    if (!status?.account || index !== null) return;
    const first = prompts.findIndex((p) => takeFor(status.takes, p.id)?.verdict !== 'OK');
    setIndex(first < 0 ? 0 : first);
  }, [status, index, prompts]);

  // While an upload or a build is under way, the worker is asked again (it may have stopped and resumed).
  const waiting = !!status && (status.takes.some((t) => !isSettled(t)) || status.build?.status === 'PENDING');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [waiting]);

  const prompt = index !== null ? prompts[index] : undefined;
  const take = status && prompt ? takeFor(status.takes, prompt.id) : undefined;

  // Play back the current take from this computer, as long as its audio is here.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const stored = take?.hasAudio ? await takeStore.get(take.id) : undefined;
      if (cancelled) return;
      if (playUrlRef.current) URL.revokeObjectURL(playUrlRef.current);
      playUrlRef.current = stored?.wav ? URL.createObjectURL(new Blob([stored.wav], { type: 'audio/wav' })) : undefined;
      setPlayUrl(playUrlRef.current);
    })();
    return () => {
      cancelled = true;
    };
  }, [take?.id, take?.hasAudio]);

  /** A button's work: busy while it runs, any failure shown and announced. Settles every outcome itself. */
  function act(work: () => Promise<void>): void {
    setBusy(true);
    work()
      .catch((error: unknown) => {
        setProblem(messageOf(error));
        announce(messageOf(error), true);
      })
      .finally(() => setBusy(false));
  }

  const register = (registration: StudioRegistration) =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioRegister', registration));
      setProblem('');
      announce(i18n.t('studio.registered'));
    });

  async function onTake(samples: Float32Array, sampleRate: number) {
    if (!status?.account || !prompt) return;
    const wav = encodeTakeWav(samples, sampleRate);
    // Recording again replaces a take that was not sent yet.
    if (take && (take.state === 'recorded' || take.state === 'failed')) await takeStore.delete(take.id);
    const now = Date.now();
    await takeStore.put({
      id: newTakeId(),
      accountId: status.account.accountId,
      promptId: prompt.id,
      sentence: prompt.text,
      wav: wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer,
      durationMs: Math.round((samples.length / sampleRate) * 1000),
      createdAt: now,
      updatedAt: now,
      state: 'recorded',
      attempts: 0,
    });
    await refresh();
    announce(i18n.t('studio.takeSaved'));
  }

  const next = () => setIndex((i) => ((i ?? 0) + 1) % prompts.length);

  const send = () =>
    act(async () => {
      if (!take || !prompt || index === null) return;
      let settled: TakeSummary | null;
      try {
        settled = await backgroundMessenger.sendMessage('studioUpload', { takeId: take.id });
      } catch (error) {
        // The worker may have stopped mid-upload: the take is safe in the store and the upload resumes by itself.
        await refresh();
        announce(i18n.t('studio.stillSending', { number: formatNumber(index + 1), reason: messageOf(error) }));
        return;
      }
      await refresh();
      if (settled?.state === 'done' && settled.verdict) {
        const line = sentenceLine(index, verdictLine(settled.verdict));
        announce(line);
        // A good take moves on, its result kept above; any other stays on the sentence with its advice below.
        if (settled.verdict === 'OK') {
          setLastResult(line);
          next();
        }
      } else if (settled) {
        announce(sentenceLine(index, settled.error ?? i18n.t('studio.notSentYet')));
      }
    });

  const skip = () => {
    next();
    announce(i18n.t('studio.skipped'));
  };

  const deleteTake = () =>
    act(async () => {
      if (!take) return;
      if (take.state === 'uploading' || take.state === 'queued') throw new Error(i18n.t('studio.takeBusy'));
      await takeStore.delete(take.id);
      await refresh();
      announce(i18n.t('studio.takeDeleted'));
    });

  const startBuild = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioBuild', undefined));
      announce(i18n.t('studio.buildStarted'));
    });

  const useVoice = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioUseVoice', undefined));
      announce(i18n.t('studio.voiceInUse'));
    });

  const clearProgress = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioClearProgress', undefined));
      setConfirmClear(false);
      setIndex(null);
      setLastResult('');
      announce(i18n.t('studio.cleared'));
    });

  // A finished build is announced once while the page is open.
  const announcedBuild = useRef<string | undefined>(undefined);
  const build = status?.build;
  useEffect(() => {
    if (!build || build.status === 'PENDING' || announcedBuild.current === build.buildId) return;
    announcedBuild.current = build.buildId;
    setPolite(i18n.t(build.status === 'COMPLETE' ? 'studio.voiceReady' : 'studio.voiceFailed'));
  }, [build]);

  const recorded = status?.account?.sentencesRecorded;
  return (
    <main>
      <h1>{i18n.t('studio.title')}</h1>
      <p class="lead">{i18n.t('studio.lead')}</p>
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {polite}
      </div>
      <div class="sr-only" aria-live="assertive" aria-atomic="true">
        {urgent}
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {!status && !problem && <p>{i18n.t('studio.loading')}</p>}
      {status && !status.account && <ConsentForm busy={busy} onAgree={register} />}
      {status?.account && (
        <>
          <section aria-labelledby="progress-title">
            <h2 id="progress-title">{i18n.t('studio.progressTitle')}</h2>
            <p class="progress-text">
              {recorded === null || recorded === undefined
                ? i18n.t('studio.countUnknown')
                : plural('studio.recordedCount', recorded, { min: formatNumber(status.minTakes) })}
            </p>
            <progress max={prompts.length} value={recorded ?? 0} aria-label={i18n.t('studio.progressLabel')} />
            {lastResult && <p class="last-result">{lastResult}</p>}
          </section>
          {prompt && index !== null && (
            <RecordingPanel
              prompt={prompt}
              promptLang={promptSet.lang}
              index={index}
              total={prompts.length}
              take={take}
              busy={busy}
              onTake={onTake}
              onSend={send}
              onSkip={skip}
              onDelete={deleteTake}
              playUrl={playUrl}
              announce={announce}
            />
          )}
          <BuildPanel status={status} busy={busy} onBuild={startBuild} onUseVoice={useVoice} />
          <section aria-labelledby="clear-title">
            <h2 id="clear-title">{i18n.t('studio.startOverTitle')}</h2>
            <p>{i18n.t('studio.startOverText')}</p>
            {confirmClear ? (
              <div class="actions">
                <button type="button" class="danger" onClick={clearProgress} disabled={busy}>
                  {i18n.t('studio.confirmClear')}
                </button>
                <button type="button" onClick={() => setConfirmClear(false)}>
                  {i18n.t('studio.keep')}
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirmClear(true)} disabled={busy}>
                {i18n.t('studio.clear')}
              </button>
            )}
          </section>
        </>
      )}
    </main>
  );
}
