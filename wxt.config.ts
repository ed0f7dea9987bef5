import { defineConfig } from 'wxt';

// Dev and test builds bake in the local server and demo credentials; release builds never do.
// VOCALID_BUILD=dev|test|release (default release for `wxt build`, dev for `wxt`).
const buildKind = process.env.VOCALID_BUILD ?? 'release';
const LOOPBACK_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];
/** Asked for when the user sets a server address in Options (a loopback server or any https one). */
const OPTIONAL_ORIGINS = ['https://*/*', ...LOOPBACK_ORIGINS];

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  srcDir: '.',
  // The benchmark builds into a folder of its own (test/harness/extension-build.ts).
  outDir: process.env.VOCALID_OUT_DIR ?? `.output/${buildKind}`,
  vite: () => ({
    define: {
      __BUILD_KIND__: JSON.stringify(buildKind),
      __DEV_SERVER__: JSON.stringify(
        buildKind === 'release' ? '' : (process.env.VOCALID_DEV_SERVER ?? 'http://127.0.0.1:8787'),
      ),
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
  hooks: {
    // The output tap's audio worklet is benchmark instrumentation (utils/instrumentation/output-tap.ts): it ships
    // in dev and test builds only.
    'build:publicAssets': (_wxt, files) => {
      if (buildKind !== 'release') return;
      const tap = files.findIndex((f) => f.relativeDest === 'output-tap-worklet.js');
      if (tap >= 0) files.splice(tap, 1);
    },
  },
  manifest: ({ browser }) => ({
    // Every user-facing string comes from locales/<lang>.yml (utils/i18n/); Chrome substitutes __MSG_…__ here.
    default_locale: 'en',
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      'scripting',
      // Firefox has no offscreen documents: its background page plays the audio (docs/architecture.md "Firefox").
      ...(browser === 'firefox' ? [] : ['offscreen']),
      'identity',
      'alarms',
      // The voice studio says when a voice build has finished, also with its page closed.
      'notifications',
    ],
    host_permissions: buildKind === 'release' ? [] : LOOPBACK_ORIGINS,
    // Manifest V2 has no optional_host_permissions (WXT drops the key): origins go with the optional permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: OPTIONAL_ORIGINS }
      : { optional_host_permissions: OPTIONAL_ORIGINS }),
    // No content_security_policy: the MV3 default (script-src 'self') is enough, since no WASM or eval ships.
    homepage_url: 'https://vocalid.co/',
    // runtime.getContexts (the offscreen document check) needs Chrome 116.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
    commands: {
      'read-aloud': {
        suggested_key: { default: 'Alt+Shift+Y' },
        description: '__MSG_manifest_commands_readAloud__',
      },
      // Alt+Shift+P is silently left unassigned by Chromium (verified with commands.getAll()), so pause uses K.
      'pause-resume': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_manifest_commands_pauseResume__',
      },
      stop: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_manifest_commands_stop__',
      },
      // The fourth suggested key (Chrome allows four): keyboard users reach the page player without Tabbing past
      // the whole page (the skip link is the other way, components/mini-player/skip-link.ts).
      'focus-player': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_manifest_commands_focusPlayer__',
      },
      // Chrome allows only four suggested keys per extension: these start unassigned and users pick keys at
      // chrome://extensions/shortcuts.
      'next-sentence': { description: '__MSG_manifest_commands_nextSentence__' },
      'previous-sentence': { description: '__MSG_manifest_commands_previousSentence__' },
      faster: { description: '__MSG_manifest_commands_faster__' },
      slower: { description: '__MSG_manifest_commands_slower__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'read-aloud@vocalid.co',
              // 140 (the ESR before 153) is the first Firefox that reads data_collection_permissions; storage.session
              // (115) and scripting (102) came earlier.
              strict_min_version: '140.0',
              // What AMO shows before install: the text being read goes to the VocaliD server the user chose
              // (docs/privacy.md). Nothing else leaves the browser.
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
