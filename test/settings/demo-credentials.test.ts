// Found by test/e2e/reliability-security.test.ts: the release bundle carried the demo secret.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoClientId, demoSecret } from '../../utils/settings/build-kind';

afterEach(() => vi.unstubAllGlobals());

describe('demo credentials', () => {
  it('exist in dev and test builds', () => {
    vi.stubGlobal('__BUILD_KIND__', 'test');
    expect([demoClientId(), demoSecret()]).toEqual(['demo-client', 'demo-secret']);
  });
  it('are empty in release builds and where the build constant is absent', () => {
    vi.stubGlobal('__BUILD_KIND__', 'release');
    expect([demoClientId(), demoSecret()]).toEqual(['', '']);
    vi.unstubAllGlobals();
    expect([demoClientId(), demoSecret()]).toEqual(['', '']);
  });
});
