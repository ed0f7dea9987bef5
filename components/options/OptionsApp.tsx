import { i18n } from '../../utils/i18n/i18n';
import { useEffect, useState } from 'preact/hooks';
import { describeVoice } from '../../utils/vocalid/voice-library';
import { loadVoiceList, watchVoiceList } from '../../utils/vocalid/voice-list-store';
import { AdvancedSection } from './AdvancedSection';
import { ConnectionSection } from './ConnectionSection';
import { PrivacySection } from './PrivacySection';
import { ReadingDisplaySection } from './ReadingDisplaySection';
import { useSettings } from './use-settings';
import { VoiceSpeedSection } from './VoiceSpeedSection';

/** The five sections, in the order a new user needs them; each control appears in exactly one. */
const SECTIONS = [
  { id: 'account', label: () => i18n.t('options.sections.account') },
  { id: 'voice-speed', label: () => i18n.t('options.sections.voiceSpeed') },
  { id: 'reading-display', label: () => i18n.t('options.sections.readingDisplay') },
  { id: 'privacy', label: () => i18n.t('options.sections.privacy') },
  { id: 'advanced', label: () => i18n.t('options.sections.advanced') },
] as const;

/** The Options page: one column of labelled sections, every control a native, keyboard-operable element. */
export function OptionsApp() {
  const settings = useSettings();
  const [refreshKey, setRefreshKey] = useState(0);
  const [voices, setVoices] = useState<{ token: string; name: string }[]>([]);

  const baseUrl = settings?.baseUrl;
  useEffect(() => {
    if (baseUrl === undefined) return;
    const load = () =>
      void loadVoiceList(baseUrl).then((l) =>
        setVoices(
          (l?.voices ?? [])
            .map((v) => describeVoice(v))
            .filter((r) => !r.disabledReason)
            .map((r) => ({ token: r.token, name: r.name })),
        ),
      );
    load();
    return watchVoiceList(load);
  }, [baseUrl]);

  if (!settings)
    return (
      <main>
        <p>{i18n.t('options.loading')}</p>
      </main>
    );
  return (
    <main>
      <h1>{i18n.t('options.pageTitle')}</h1>
      <nav aria-label={i18n.t('options.sectionsNav')}>
        <ul class="section-nav">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label()}</a>
            </li>
          ))}
        </ul>
      </nav>
      <ConnectionSection settings={settings} onConnected={() => setRefreshKey((k) => k + 1)} />
      <VoiceSpeedSection settings={settings} refreshKey={refreshKey} voices={voices} />
      <ReadingDisplaySection settings={settings} />
      <PrivacySection settings={settings} />
      <AdvancedSection settings={settings} />
    </main>
  );
}
