// Build constants are injected by vite `define`; unit tests stub them with vi.stubGlobal, and code that
// runs without them (plain tests, tools) must behave like a release build so no demo credential leaks.

/** True in `dev` and `test` builds, false in release builds and wherever the constant is absent. */
export function isDevBuild(): boolean {
  return typeof __BUILD_KIND__ !== 'undefined' && __BUILD_KIND__ !== 'release';
}

/**
 * The local VocaliD-compatible server that dev/test builds talk to by default; '' in release builds, whose
 * `__DEV_SERVER__` is defined empty so the address is not even dead code in the bundle (security review row 16).
 */
export function devServerUrl(): string {
  return typeof __DEV_SERVER__ !== 'undefined' ? __DEV_SERVER__ : '';
}

/**
 * Credentials of the demo client that the local server seeds; '' in release builds. The build check is written out
 * here rather than through isDevBuild(): the bundler folds it to a constant and drops the literals from a release
 * bundle, which it did not do for module constants guarded by a call (the release build carried 'demo-secret',
 * found by test/e2e/reliability-security.test.ts).
 */
export function demoClientId(): string {
  return typeof __BUILD_KIND__ !== 'undefined' && __BUILD_KIND__ !== 'release' ? 'demo-client' : '';
}
export function demoSecret(): string {
  return typeof __BUILD_KIND__ !== 'undefined' && __BUILD_KIND__ !== 'release' ? 'demo-secret' : '';
}
