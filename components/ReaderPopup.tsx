import { i18n } from '../utils/i18n/i18n';
import { isolate } from '../utils/text/bidi-isolate';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { backgroundMessenger, type ReadSource } from '../utils/messages/background-protocol';
import { currentUnitIndex, type ReadingState } from '../utils/reading/reading-state';
import { sentenceOfUnit } from '../utils/reading/seek-target';
import { useReadingState } from './use-reading-state';
import type { SeekTarget } from '../utils/messages/background-protocol';
import { estimateRemainingMs } from '../utils/highlight/time-remaining';
import { formatSpeed, SPEED_STEPS, speedStepIndex } from '../utils/settings/speed-steps';
import type { MiniPlayerAction } from './mini-player/mini-player-types';
import type { Settings } from '../utils/settings/settings-schema';
import { getSettings, watchSettings } from '../utils/settings/settings-store';
import type { VoiceInfo } from '../utils/vocalid/vocalid-client';
import { SitePresetSwitcher, useTabUrl } from './options/SitePresetSwitcher';
import { messageOf } from './error-message';
import { formatNumber } from '../utils/i18n/locale-format';
import { PlaybackControls } from './PlaybackControls';
import { useCommandShortcuts } from './use-command-shortcuts';
import { RangeControl } from './RangeControl';
import { ResumeOfferButton } from './ResumeOfferButton';
import { ReadingStatusView } from './ReadingStatusView';
import { VoicePicker } from './VoicePicker';

interface Props {
  /** The tab to read; undefined means the active tab (the background resolves it). */
  tabId: number | undefined;
}

/** The popup: controls only. Reading lives in the service worker, so closing the popup does not stop it. */
export function ReaderPopup({ tabId }: Props) {
  const pageUrl = useTabUrl(tabId);
  const { state, adopt } = useReadingState(() => backgroundMessenger.sendMessage('getState', undefined));
  const [settings, setSettings] = useState<Settings | null>(null);
  const shortcuts = useCommandShortcuts();
  const [voices, setVoices] = useState<VoiceInfo[] | null>(null);
  const [voiceError, setVoiceError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void getSettings().then(setSettings);
    backgroundMessenger
      .sendMessage('listVoices', { refresh: false })
      .then(setVoices)
      .catch((err: unknown) => {
        setVoices([]);
        setVoiceError(i18n.t('popup.voicesFailed', { reason: isolate(messageOf(err)) }));
      });
    // The site preset switcher (and Options) change settings: show the current ones.
    const unwatchSettings = watchSettings(setSettings);
    return unwatchSettings;
  }, []);

  const act = useCallback(
    async (fn: () => Promise<ReadingState>) => {
      setBusy(true);
      try {
        await adopt(fn());
      } finally {
        setBusy(false);
      }
    },
    [adopt],
  );

  const read = (resume = false, source: ReadSource = 'auto') =>
    act(() =>
      backgroundMessenger.sendMessage('startReading', {
        ...(tabId !== undefined ? { tabId } : {}),
        source,
        ...(resume ? { resume } : {}),
      }),
    );
  const setParams = async (patch: { voiceToken?: string; pitch?: number; rate?: number }) => {
    setSettings(await backgroundMessenger.sendMessage('setVoiceParams', patch));
  };
  const setVolume = async (volume: number) => {
    setSettings(await backgroundMessenger.sendMessage('setVolume', { volume }));
  };
  const seek = (target: SeekTarget) => void act(() => backgroundMessenger.sendMessage('seek', target));
  const onTransport = (action: MiniPlayerAction) => {
    if (action === 'toggle') void act(() => backgroundMessenger.sendMessage('togglePause', undefined));
    else if (action === 'stop') void act(() => backgroundMessenger.sendMessage('stop', undefined));
    else if (
      action === 'prev-sentence' ||
      action === 'next-sentence' ||
      action === 'prev-paragraph' ||
      action === 'next-paragraph'
    )
      seek({ to: action });
  };
  const current = currentUnitIndex(state);
  // The slider counts sentences: one cut into several units counts once.
  const position = sentenceOfUnit(state.units, current < 0 ? Math.max(0, state.units.length - 1) : current);
  // The worker does what the error offers (utils/reading/reading-runtime.ts errorAction), as for the page player.
  const onAction = () => void act(() => backgroundMessenger.sendMessage('errorAction', { choice: 'act' }));

  return (
    <main>
      <h1>{i18n.t('manifest.name')}</h1>
      <ReadingStatusView state={state} onAction={onAction} />
      <PlaybackControls
        shortcuts={shortcuts}
        status={state.status}
        busy={busy}
        index={position.sentence}
        total={position.sentences}
        remainingMs={estimateRemainingMs(state.units, { rate: state.params.rate })}
        onRead={() => void read()}
        onAction={onTransport}
        onSeek={seek}
      />
      <ResumeOfferButton
        tabId={tabId}
        state={state}
        busy={busy}
        onContinue={() =>
          void act(() =>
            backgroundMessenger.sendMessage('startReading', {
              ...(tabId !== undefined ? { tabId } : {}),
              source: 'auto',
              resume: true,
            }),
          )
        }
      />
      {settings ? (
        <form class="voice" aria-label={i18n.t('popup.voiceSettings')} onSubmit={(e) => e.preventDefault()}>
          <VoicePicker
            voices={voices}
            value={settings.voiceToken}
            error={voiceError}
            onChange={(voiceToken) => void setParams({ voiceToken })}
          />
          {/* A slider over the speed steps every control shares (utils/settings/speed-steps.ts). */}
          <RangeControl
            id="rate"
            label={i18n.t('popup.speed')}
            min={0}
            max={SPEED_STEPS.length - 1}
            step={1}
            value={speedStepIndex(settings.rate)}
            format={(i) => formatSpeed(SPEED_STEPS[i] ?? settings.rate)}
            keyshortcuts={[shortcuts.slower, shortcuts.faster].filter(Boolean).join(' ')}
            onCommit={(i) => void setParams({ rate: SPEED_STEPS[i]! })}
          />
          <RangeControl
            id="volume"
            label={i18n.t('popup.volume')}
            min={0}
            max={100}
            step={5}
            value={Math.round(settings.volume * 100)}
            format={(v) => i18n.t('player.percent', { value: formatNumber(v) })}
            onCommit={(v) => void setVolume(v / 100)}
          />
          <RangeControl
            id="pitch"
            label={i18n.t('popup.pitch')}
            min={0.5}
            max={2}
            step={0.1}
            value={settings.pitch}
            format={(v) =>
              i18n.t('popup.pitchValue', {
                value: formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
              })
            }
            onCommit={(pitch) => void setParams({ pitch })}
          />
        </form>
      ) : null}
      {settings ? <SitePresetSwitcher settings={settings} pageUrl={pageUrl} /> : null}
      <p class="studio-link">
        <a href="/voice-studio.html" target="_blank">
          {i18n.t('popup.recordYourVoice')}
        </a>
      </p>
    </main>
  );
}
