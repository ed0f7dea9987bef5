import { useEffect, useState } from 'preact/hooks';
import { describeVoice } from '../../utils/vocalid/voice-library';
import { loadVoiceList, watchVoiceList } from '../../utils/vocalid/voice-list-store';
import { ConnectionSection } from './ConnectionSection';
import { PresetsSection } from './PresetsSection';
import { PrivacySection } from './PrivacySection';
import { ReadingDisplaySection } from './ReadingDisplaySection';
import { TransferSection } from './TransferSection';
import { useSettings } from './use-settings';
import { VoiceLibrary } from './VoiceLibrary';

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
        <p>Loading settings…</p>
      </main>
    );
  return (
    <main>
      <h1>VocaliD Read Aloud — Options</h1>
      <ConnectionSection settings={settings} onConnected={() => setRefreshKey((k) => k + 1)} />
      <VoiceLibrary settings={settings} refreshKey={refreshKey} />
      <p class="studio-link">
        <a href="/voice-studio.html" target="_blank">
          Record your own voice in the voice studio
        </a>
      </p>
      <ReadingDisplaySection settings={settings} />
      <PresetsSection settings={settings} voices={voices} />
      <PrivacySection settings={settings} />
      <TransferSection settings={settings} />
    </main>
  );
}
