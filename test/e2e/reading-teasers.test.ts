// What a listener hears on a news page whose furniture sits inside the article (issue 11), in real Chromium with
// the page's own script filling its related-stories widget: a breadcrumb trail, site controls, a credit beside a
// photo, a headline of another story set in capitals, the related stories' linked headlines, an "additional
// reporting" credit, the author's one-line biography and the publisher's contact footer are not heard; the
// headline, the article's paragraphs and the photo's caption are.
import { describe, expect, it } from 'vitest';
import { describeState, ext, openTab, squash, useExtensionSession } from './helpers';

const session = useExtensionSession({ settings: { highlightGranularity: 'sentence' } });

describe('teasers and credits inside the article', () => {
  it('hears the headline, the article and its caption, and none of the teasers, credits or footers', async () => {
    const { page, tabId } = await openTab(session.browser, session.fixtures.url('quality-teasers.html'));
    expect(await page.getAttribute('html', 'data-page-script-ran')).toBe('yes');
    const started = await ext.read(session.browser.sw, tabId, { source: 'auto' });
    await ext.stop(session.browser.sw);
    expect(started.source, describeState(started)).toBe('article');
    expect(started.units.map((u) => squash(u.text))).toEqual([
      'Canal boats return to the old wharf',
      'Narrow boats moored at the old wharf on Friday for the first time in forty years, after the canal trust finished dredging the last mile of the cut.',
      'The first boat through the new lock gates.',
      'The trust expects about two hundred boats to visit the wharf before the autumn, most of them on their way to the river.',
    ]);
    await page.close();
  });
});
