// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { meaningfulAlt, withImageAlt } from '../../utils/page-text/image-alt';
import { pageBlocks } from '../../utils/page-text/live-blocks';

function setBody(html: string): void {
  // Static fixture markup written here; DOMParser keeps innerHTML out of the code.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
}

const altOf = (html: string): string | null => {
  setBody(html);
  return meaningfulAlt(document.querySelector('img')!);
};

afterEach(() => setBody(''));

describe('image descriptions', () => {
  it('hears alt text that describes, not decoration, file names, generic words or icons', () => {
    expect(altOf('<img alt="  A ferry  at the stone pier ">')).toBe('A ferry at the stone pier');
    expect(altOf('<img alt="">')).toBeNull();
    expect(altOf('<img>')).toBeNull();
    expect(altOf('<img alt="IMG_2041.jpg">')).toBeNull();
    expect(altOf('<img alt="image">')).toBeNull();
    expect(altOf('<img alt="Photo:">')).toBeNull();
    expect(altOf('<img alt="A ferry" role="presentation">')).toBeNull();
    expect(altOf('<div aria-hidden="true"><img alt="A ferry"></div>')).toBeNull();
    expect(altOf('<img alt="Share on social media" width="16" height="16">')).toBeNull();
  });

  it('reads an image as its own block where it stands, and none after the last block', () => {
    setBody(
      '<article><p>First paragraph.</p><figure><img alt="The ferry leaving"><figcaption>The ferry in May.</figcaption>' +
        '</figure><p>Second paragraph with <img alt="a gull"> inline.</p></article><footer><img alt="Site logo"></footer>',
    );
    const blocks = pageBlocks(document).filter((b) => b.element.closest('article'));
    expect(withImageAlt(blocks).map((b) => b.map.text)).toEqual([
      'First paragraph.',
      'Image: The ferry leaving',
      'The ferry in May.',
      'Second paragraph with inline.',
      'Image: a gull',
    ]);
  });

  it('reads a figure caption and each list item as blocks of their own', () => {
    setBody(
      '<p>Intro.</p><figure><img alt="x"><figcaption>A caption.</figcaption></figure>' +
        '<ul><li>First item.</li><li>Second <b>item</b>.</li></ul><ol><li>Step one.<ul><li>Nested.</li></ul></li></ol>',
    );
    expect(pageBlocks(document).map((b) => b.map.text)).toEqual([
      'Intro.',
      'A caption.',
      'First item.',
      'Second item.',
      'Step one.',
      'Nested.',
    ]);
  });
});
