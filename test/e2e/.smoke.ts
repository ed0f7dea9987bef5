import { launchBrowser, startXvfb, ext, runXdotool, shortcutToXdotool, startFixtureServer, openTab, selectText } from './.smoke-helpers';
const x = await startXvfb();
console.log('display', x.display);
const t0 = Date.now();
try {
  const b = await launchBrowser({ headed: true, env: x.env });
  console.log('launched', b.extensionId, Date.now() - t0);
} catch (e) { console.log('launch err (expected: no test api)', String(e).slice(0, 200)); }
await x.close();
const f = await startFixtureServer();
console.log(f.url('short-article.html'));
const r = await fetch(f.url('short-article.html')); console.log(r.status, (await r.text()).length);
const r2 = await fetch(f.url('../helpers.ts')); console.log('traversal', r2.status);
await f.close();
console.log(shortcutToXdotool('Alt+Shift+Y'), shortcutToXdotool('Ctrl+Comma'));
