import type { StudioStatus } from '../../utils/voice-studio/studio-status';

interface Props {
  status: StudioStatus;
  busy: boolean;
  onBuild(): void;
  onUseVoice(): void;
}

export function BuildPanel({ status, busy, onBuild, onUseVoice }: Props) {
  const recorded = status.account?.sentencesRecorded ?? 0;
  const enough = recorded >= status.minTakes;
  const build = status.build;
  const pending = build?.status === 'PENDING';
  return (
    <section aria-labelledby="build-title">
      <h2 id="build-title">Your voice</h2>
      {!build && (
        <p>
          {enough
            ? 'You have recorded enough good sentences to build a first voice. More sentences make it sound more like you.'
            : `Record ${status.minTakes - recorded} more good ${status.minTakes - recorded === 1 ? 'sentence' : 'sentences'} to build your voice.`}
        </p>
      )}
      {pending && (
        <p class="build-state">
          Building your voice… You can close this page: a notification tells you when it is ready.
        </p>
      )}
      {build?.status === 'COMPLETE' && (
        <p class="build-state">
          Your voice is ready: <strong>{build.voiceName ?? 'your voice'}</strong> is in your voice list.
        </p>
      )}
      {build?.status === 'ERROR' && <p class="build-state error">{build.error ?? 'The voice could not be built.'}</p>}
      <div class="actions">
        {!pending && (
          <button type="button" disabled={busy || !enough} onClick={onBuild}>
            {build?.status === 'COMPLETE' ? 'Build my voice again' : 'Build my voice'}
          </button>
        )}
        {build?.status === 'COMPLETE' && build.voiceToken && (
          <button type="button" disabled={busy} onClick={onUseVoice}>
            Read with my voice
          </button>
        )}
        {build?.status === 'COMPLETE' && (
          <a href="/options.html" target="_blank" rel="noopener">
            Preview it in Options
          </a>
        )}
      </div>
    </section>
  );
}
