// Audio worker: runs the jobs of audio-jobs.ts off the server's event loop. Plain ES module so worker_threads can
// load it under tsx, vitest and plain node alike (the TypeScript it needs comes through tsx, as in espeak-worker.mjs).
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const jobs = await tsImport('./audio-jobs.ts', import.meta.url);

parentPort.on('message', async ({ id, kind, args }) => {
  try {
    const result = kind === 'inspectRecording' ? jobs.inspectRecording(args) : await jobs.analyseRecordingFiles(args);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    // WavFormatError keeps its code across the thread boundary so routes can answer 400 with it.
    parentPort.postMessage({
      id,
      ok: false,
      error: { name: error?.name, message: error?.message ?? String(error), code: error?.code },
    });
  }
});
parentPort.postMessage({ ready: true });
