// The check of the `moreBlocks` message (background-protocol.ts): only our page script or PDF reader page may send it
// (the sender is checked first), and its shape is checked before units are made of it.
import type { MoreBlocksRequest } from '../messages/background-protocol';

/** More blocks than this in one message are refused: the page sends a long document in several. */
export const MAX_BLOCKS_PER_MESSAGE = 20_000;

export function checkMoreBlocks(value: unknown): MoreBlocksRequest {
  const request = value as Partial<MoreBlocksRequest> | null;
  if (typeof request !== 'object' || request === null || typeof request.extractionId !== 'string')
    throw new Error('moreBlocks: expected { extractionId: string, blocks: { index, text }[] }');
  if (!Array.isArray(request.blocks) || request.blocks.length > MAX_BLOCKS_PER_MESSAGE)
    throw new Error(`moreBlocks: blocks must be an array of at most ${MAX_BLOCKS_PER_MESSAGE}`);
  const blocks = request.blocks.map((b: unknown) => {
    const block = b as { index?: unknown; text?: unknown } | null;
    if (!block || !Number.isInteger(block.index) || (block.index as number) < 0 || typeof block.text !== 'string')
      throw new Error('moreBlocks: each block is { index: non-negative integer, text: string }');
    return { index: block.index as number, text: block.text };
  });
  if (request.last !== undefined && typeof request.last !== 'boolean') throw new Error('moreBlocks: last is a boolean');
  return { extractionId: request.extractionId, blocks, ...(request.last ? { last: true } : {}) };
}
