import { describe, expect, it } from 'vitest';
import { checkMoreBlocks, MAX_BLOCKS_PER_MESSAGE } from '../../utils/reading/more-blocks-request';

describe('checkMoreBlocks', () => {
  it('passes a well-formed request on, without extra fields', () => {
    expect(
      checkMoreBlocks({ extractionId: 'pdf-1', blocks: [{ index: 3, text: 'Words.', extra: 1 }], other: true }),
    ).toEqual({ extractionId: 'pdf-1', blocks: [{ index: 3, text: 'Words.' }] });
    expect(checkMoreBlocks({ extractionId: 'pdf-1', blocks: [], last: true })).toEqual({
      extractionId: 'pdf-1',
      blocks: [],
      last: true,
    });
  });

  it('refuses malformed requests', () => {
    for (const bad of [
      null,
      'x',
      { blocks: [] },
      { extractionId: 'a' },
      { extractionId: 'a', blocks: [{ index: -1, text: 'x' }] },
      { extractionId: 'a', blocks: [{ index: 1.5, text: 'x' }] },
      { extractionId: 'a', blocks: [{ index: 1, text: 2 }] },
      { extractionId: 'a', blocks: [], last: 'yes' },
      {
        extractionId: 'a',
        blocks: Array.from({ length: MAX_BLOCKS_PER_MESSAGE + 1 }, (_, i) => ({ index: i, text: '' })),
      },
    ])
      expect(() => checkMoreBlocks(bad), JSON.stringify(bad)?.slice(0, 60)).toThrow(/moreBlocks/);
  });
});
