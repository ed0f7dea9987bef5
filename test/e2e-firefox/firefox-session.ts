// One test file's Firefox: the real server and the fixture pages on loopback, Firefox with the extension (launched
// by puppeteer or by Marionette), the background's bridge, the server set and a quick rate; all closed after.
import { afterAll, beforeAll } from 'vitest';
import { startFixtureServer, startTestServer, type FixtureServer, type TestServer } from '../e2e/helpers';
import { connectBackground, ffExt, type FirefoxBackground, type FirefoxTabs } from '../harness/firefox';

export interface FirefoxSession<F> {
  ff: F;
  server: TestServer;
  fixtures: FixtureServer;
  bg: FirefoxBackground;
}

/** Registers the file's beforeAll/afterAll; `ready` receives the session once it is up. */
export function useFirefoxSession<F extends FirefoxTabs & { close(): Promise<void> }>(
  launch: () => Promise<F>,
  ready: (session: FirefoxSession<F>) => void,
): void {
  let session: Partial<FirefoxSession<F>> = {};
  beforeAll(async () => {
    const [server, fixtures] = await Promise.all([startTestServer(), startFixtureServer()]);
    session = { server, fixtures };
    const ff = await launch();
    session.ff = ff;
    const bg = await connectBackground(ff);
    session.bg = bg;
    await ffExt.setSettings(bg, { baseUrl: server.url, rate: 2 });
    ready({ ff, server, fixtures, bg });
  });
  afterAll(async () => {
    await session.bg?.close();
    await session.ff?.close();
    await Promise.all([session.server?.close(), session.fixtures?.close()]);
  });
}
