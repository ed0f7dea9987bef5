// Messages received by the script injected into the page (docs/architecture.md "page-protocol.ts").
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ReadSource } from './background-protocol';

export interface ExtractedBlock {
  index: number;
  text: string;
  /**
   * Child-element indices from <body> down to the block's element in the live document, so a later feature
   * (on-page highlighting) can find it again. Absent when the block cannot be mapped back.
   */
  path?: number[];
}

export interface ExtractedText {
  lang: string;
  title: string;
  url: string;
  source: 'selection' | 'article' | 'page';
  blocks: ExtractedBlock[];
}

export interface PageProtocol {
  'page:extract'(request: { source: ReadSource }): ExtractedText;
}

export const pageMessenger = defineExtensionMessaging<PageProtocol>({ logger: undefined });
