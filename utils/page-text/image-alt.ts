/**
 * Image descriptions (a setting, off by default): an image inside what is read whose alt text says something is
 * read as a block of its own, "Image: …", where it stands. Decorative images (empty alt, role=presentation,
 * aria-hidden), icons, and alt text that only names a file or says "image" are not
 * (https://www.w3.org/WAI/tutorials/images/decorative/).
 */
import { i18n } from '../i18n/i18n';
import { textOnlyMap } from './block-text-map';
import { isSkippedElement } from './element-style';
import type { LiveBlock } from './live-blocks';
import { containsFlat, flatParent, followsInFlatTree } from './shadow-traversal';

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

const FILE_NAME = /\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$/i;
const SAYS_NOTHING = /^(image|img|photo|picture|pic|graphic|icon|logo|spacer|banner|thumbnail|placeholder)s?\W*$/i;
/** Smaller than this on both sides, an image is an icon or a tracking pixel. */
const ICON_PX = 32;

/** The alt text worth hearing, or null (decorative, says nothing, an icon, hidden). */
export function meaningfulAlt(img: Element): string | null {
  if (img.localName !== 'img') return null;
  const alt = squash(img.getAttribute('alt') ?? '');
  if (!alt || FILE_NAME.test(alt) || SAYS_NOTHING.test(alt)) return null;
  const role = (img.getAttribute('role') ?? '').trim().toLowerCase();
  if (role === 'presentation' || role === 'none') return null;
  for (let el: Element | null = img; el; el = el.parentElement) if (isSkippedElement(el)) return null;
  const width = Number(img.getAttribute('width'));
  const height = Number(img.getAttribute('height'));
  if (width > 0 && height > 0 && width < ICON_PX && height < ICON_PX) return null;
  // Not rendered (display:none somewhere above): nothing to describe.
  if (typeof img.checkVisibility === 'function' && img.isConnected && !img.checkVisibility()) return null;
  const rendered = img.getBoundingClientRect?.();
  if (rendered && rendered.width > 0 && rendered.height > 0 && rendered.width < ICON_PX && rendered.height < ICON_PX)
    return null;
  return alt;
}

export const imageWording = (alt: string): string => i18n.t('reading.spoken.image', { alt });

/** The deepest element holding every block (where the read text lives on the page). */
function commonContainer(blocks: readonly LiveBlock[]): Element | null {
  let common: Element | null = blocks[0]?.element ?? null;
  for (const b of blocks) {
    while (common && !containsFlat(common, b.element)) common = flatParent(common);
  }
  return common;
}

/**
 * The blocks with a block "Image: …" for each image that says something, placed in document order among them.
 * Only images inside the blocks' common container and not after the last block count, so a site's logo or a
 * teaser beside the article is not read.
 */
export function withImageAlt(blocks: readonly LiveBlock[]): LiveBlock[] {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const container = commonContainer(blocks);
  if (!first || !last || !container) return [...blocks];
  // A lead image before the first paragraph counts; nothing after the last block does.
  const images = Array.from(container.querySelectorAll('img')).filter(
    (img) => containsFlat(last.element, img) || !followsInFlatTree(last.element, img),
  );
  if (images.length === 0) return [...blocks];
  const out: LiveBlock[] = [];
  let k = 0;
  for (const img of images) {
    const alt = meaningfulAlt(img);
    if (!alt) continue;
    // Every block that starts before the image (a paragraph holding it included) comes first.
    while (k < blocks.length && !followsInFlatTree(img, blocks[k]!.element)) out.push(blocks[k++]!);
    out.push({ element: img, map: textOnlyMap(imageWording(alt), img) });
  }
  while (k < blocks.length) out.push(blocks[k++]!);
  return out;
}
