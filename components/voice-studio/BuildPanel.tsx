import { i18n } from '../../utils/i18n/i18n';
import { plural } from '../../utils/i18n/plural-message';
import { keepPlaceholders, messageParts } from '../message-parts';
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
      <h2 id="build-title">{i18n.t('studio.buildTitle')}</h2>
      {!build && <p>{enough ? i18n.t('studio.enough') : plural('studio.needMore', status.minTakes - recorded)}</p>}
      {pending && <p class="build-state">{i18n.t('studio.building')}</p>}
      {build?.status === 'COMPLETE' && (
        <p class="build-state">
          {messageParts(i18n.t('studio.ready', keepPlaceholders('name')), {
            name: <strong>{build.voiceName ?? i18n.t('studio.yourVoice')}</strong>,
          })}
        </p>
      )}
      {build?.status === 'ERROR' && <p class="build-state error">{build.error ?? i18n.t('studio.buildFailed')}</p>}
      <div class="actions">
        {!pending && (
          <button type="button" disabled={busy || !enough} onClick={onBuild}>
            {i18n.t(build?.status === 'COMPLETE' ? 'studio.buildAgain' : 'studio.build')}
          </button>
        )}
        {build?.status === 'COMPLETE' && build.voiceToken && (
          <button type="button" disabled={busy} onClick={onUseVoice}>
            {i18n.t('studio.readWithMine')}
          </button>
        )}
        {build?.status === 'COMPLETE' && (
          <a href="/options.html" target="_blank" rel="noopener">
            {i18n.t('studio.previewInOptions')}
          </a>
        )}
      </div>
    </section>
  );
}
