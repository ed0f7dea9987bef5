// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { isOtherStoryOfSite, siteOf } from '../../utils/page-text/site-links';
import { mount } from './mount-fixture';

afterEach(() => {
  document.body.replaceChildren();
});

describe('siteOf', () => {
  it.each([
    ['news.example', 'news.example'],
    ['www.news.example', 'news.example'],
    ['video.business.news.example', 'news.example'],
    ['www.paper.co.uk', 'paper.co.uk'],
    ['blog.site.com.br', 'site.com.br'],
    ['WWW.News.Example.', 'news.example'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s → %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });
});

describe('isOtherStoryOfSite', () => {
  const CANONICAL = 'https://www.news.example/2019/11/council-extends-library-hours';
  const page = () => {
    mount(`<link rel="canonical" href="${CANONICAL}">`);
    return document;
  };

  it.each([
    ['a story of the same host', 'https://www.news.example/2019/11/bridge-closes-for-repairs'],
    ['a story on another host of the same site', 'https://video.news.example/v/6091276897001/'],
    ['a story with a long number for its name', 'https://news.example/news/10375940/'],
  ])('yes: %s', (_what, href) => {
    expect(isOtherStoryOfSite(href, page())).toBe(true);
  });

  it.each([
    ['the page itself', CANONICAL + '/'],
    ['the page itself with a fragment', CANONICAL + '#comments'],
    ['a section of the site', 'https://www.news.example/news/'],
    ['a two-word path', 'https://www.news.example/local-news'],
    ['a story of another site', 'https://other.example/2019/11/bridge-closes-for-repairs'],
    ['a shop', 'https://shop.example/products/blue-garden-chair-set'],
    ['a mail address', 'mailto:desk@news.example'],
    ['no address', ''],
  ])('no: %s', (_what, href) => {
    expect(isOtherStoryOfSite(href, page())).toBe(false);
  });
});
