// Test builds only: the pacing the benchmark installs through the test API (`usePacing`), so it can measure the
// naive baseline (bench/lib/naive-pacing.ts) in the same browser as the product. background.ts wires it behind
// `__BUILD_KIND__ !== 'release'`, so neither this module nor the baseline is in a release bundle. Kept in the
// worker's memory: a worker restart goes back to the product's pacing, which the benchmark never provokes.
import { naivePacing } from '../../bench/lib/naive-pacing';
import type { Pacing } from '../reading/pacing';

export type TestPacingName = 'product' | 'naive';

let installed: Pacing | undefined;

export function useTestPacing(name: TestPacingName): void {
  if (name !== 'product' && name !== 'naive') throw new Error(`unknown pacing "${String(name)}" (product or naive)`);
  installed = name === 'naive' ? naivePacing : undefined;
}

/** The installed pacing; undefined means the product's. */
export const testPacing = (): Pacing | undefined => installed;
