import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { backgroundMessenger } from '../../utils/messages/background-protocol';
import { promptSetFor } from '../../utils/voice-studio/prompt-list';
import type { StudioRegistration, StudioStatus } from '../../utils/voice-studio/studio-status';
import { createTakeStore, newTakeId, type TakeSummary } from '../../utils/voice-studio/take-store';
import { encodeTakeWav } from '../../utils/voice-studio/take-wav';
import { verdictText } from '../../utils/voice-studio/verdict-text';
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

const isSettled = (t: TakeSummary) => t.state === 'done' || t.state === 'failed' || t.state === 'recorded';

export function VoiceStudioApp() {
  const prompts = useMemo(() => promptSetFor(navigator.language || 'en').prompts, []);
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
      announce('Your voice account is ready. The first sentence is shown.');
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
    announce('Take saved on this computer. Press P to listen, N to send it, or R to record again.');
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
        announce(`Still sending sentence ${index + 1}; it carries on in the background. (${messageOf(error)})`);
        return;
      }
      await refresh();
      if (settled?.state === 'done' && settled.verdict) {
        const verdict = verdictText(settled.verdict);
        const line = `Sentence ${index + 1}: ${verdict.title}. ${verdict.advice}`;
        announce(line);
        // A good take moves on, its result kept above; any other stays on the sentence with its advice below.
        if (settled.verdict === 'OK') {
          setLastResult(line);
          next();
        }
      } else if (settled) {
        announce(`Sentence ${index + 1}: ${settled.error ?? 'not sent yet'}`);
      }
    });

  const skip = () => {
    next();
    announce('Skipped to the next sentence.');
  };

  const deleteTake = () =>
    act(async () => {
      if (!take) return;
      if (take.state === 'uploading' || take.state === 'queued')
        throw new Error('This take is being sent; wait for its answer.');
      await takeStore.delete(take.id);
      await refresh();
      announce('Take deleted from this computer.');
    });

  const startBuild = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioBuild', undefined));
      announce('Your voice is being built. A notification tells you when it is ready.');
    });

  const useVoice = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioUseVoice', undefined));
      announce('Pages are now read in your voice.');
    });

  const clearProgress = () =>
    act(async () => {
      setStatus(await backgroundMessenger.sendMessage('studioClearProgress', undefined));
      setConfirmClear(false);
      setIndex(null);
      setLastResult('');
      announce('Progress cleared on this computer.');
    });

  // A finished build is announced once while the page is open.
  const announcedBuild = useRef<string | undefined>(undefined);
  const build = status?.build;
  useEffect(() => {
    if (!build || build.status === 'PENDING' || announcedBuild.current === build.buildId) return;
    announcedBuild.current = build.buildId;
    setPolite(build.status === 'COMPLETE' ? 'Your voice is ready.' : 'Your voice could not be built.');
  }, [build]);

  const recorded = status?.account?.sentencesRecorded;
  return (
    <main>
      <h1>Voice studio</h1>
      <p class="lead">
        Record sentences in your own voice; VocaliD builds a voice from them that can read pages to you.
      </p>
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
      {!status && !problem && <p>Loading…</p>}
      {status && !status.account && <ConsentForm busy={busy} onAgree={register} />}
      {status?.account && (
        <>
          <section aria-labelledby="progress-title">
            <h2 id="progress-title">Progress</h2>
            <p class="progress-text">
              {recorded === null || recorded === undefined
                ? 'VocaliD could not be asked how many sentences you have recorded.'
                : `${recorded} good ${recorded === 1 ? 'sentence' : 'sentences'} recorded (at least ${status.minTakes} needed to build a voice).`}
            </p>
            <progress max={prompts.length} value={recorded ?? 0} aria-label="Good sentences recorded" />
            {lastResult && <p class="last-result">{lastResult}</p>}
          </section>
          {prompt && index !== null && (
            <RecordingPanel
              prompt={prompt}
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
            <h2 id="clear-title">Start over</h2>
            <p>Deletes your takes and this account’s progress from this computer. What VocaliD received stays there.</p>
            {confirmClear ? (
              <div class="actions">
                <button type="button" class="danger" onClick={clearProgress} disabled={busy}>
                  Yes, delete everything on this computer
                </button>
                <button type="button" onClick={() => setConfirmClear(false)}>
                  Keep it
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirmClear(true)} disabled={busy}>
                Clear progress
              </button>
            )}
          </section>
        </>
      )}
    </main>
  );
}
