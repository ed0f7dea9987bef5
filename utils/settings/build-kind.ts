// Build constants are injected by vite `define`; unit tests stub them with vi.stubGlobal, and code that
// runs without them (plain tests, tools) must behave like a release build so no demo credential leaks.

/** True in `dev` and `test` builds, false in release builds and wherever the constant is absent. */
export function isDevBuild(): boolean {
  return typeof __BUILD_KIND__ !== 'undefined' && __BUILD_KIND__ !== 'release';
}

/** The local VocaliD-compatible server that dev/test builds talk to by default. */
export function devServerUrl(): string {
  return typeof __DEV_SERVER__ !== 'undefined' && __DEV_SERVER__ ? __DEV_SERVER__ : 'http://127.0.0.1:8787';
}

/** Credentials of the demo client that the local server seeds; never used by release builds. */
export const DEMO_CLIENT_ID = 'demo-client';
export const DEMO_SECRET = 'demo-secret';
