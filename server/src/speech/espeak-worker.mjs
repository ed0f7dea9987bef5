// eSpeak NG (WASM) synthesis worker. Plain ES module so worker_threads can load it under tsx, vitest and plain node
// alike without a TypeScript loader.
//
// Instantiating the 18 MB WASM costs ~100 ms, while synthesising a sentence costs ~10-30 ms. eSpeak's main() cannot
// simply be called twice (its static state makes the second call a silent no-op), so after instantiating once we
// snapshot the linear memory and restore it before every call: each call then behaves exactly like a fresh instance
// (verified byte-identical) at the cost of one 32 MB memcpy.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';
import { tsImport } from 'tsx/esm/api';

// Resampling and container encoding live in wav-encode.ts (shared with the main thread); tsx loads it here.
const { encodeAudio } = await tsImport('./wav-encode.ts', import.meta.url);

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('espeak-ng').replace(/espeak-ng\.js$/, 'espeak-ng.wasm');
const wasmModule = await WebAssembly.compile(readFileSync(wasmPath));

const OUT_FILE = '/out.wav';
const IN_FILE = '/in.txt';
const encoder = new TextEncoder();

let engine = null;
let stderr = [];

async function createEngine() {
  let exports;
  const module = await ESpeakNg({
    noInitialRun: true,
    print() {},
    printErr(line) {
      stderr.push(String(line));
    },
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => {
        exports = instance.exports;
        receive(instance);
      });
      return {};
    },
  });
  return { module, exports, snapshot: module.HEAPU8.slice(), stackPointer: exports.stackSave() };
}

function runMain(e, args) {
  const { module, exports } = e;
  module.HEAPU8.set(e.snapshot);
  if (module.HEAPU8.length > e.snapshot.length) module.HEAPU8.fill(0, e.snapshot.length);
  exports.stackRestore(e.stackPointer);
  const all = ['espeak-ng', ...args];
  const pointers = all.map((arg) => {
    const bytes = encoder.encode(arg + '\0');
    const p = exports.malloc(bytes.length);
    module.HEAPU8.set(bytes, p);
    return p;
  });
  const argv = exports.malloc(4 * (all.length + 1));
  const heap32 = new Uint32Array(module.HEAPU8.buffer);
  pointers.forEach((p, i) => (heap32[(argv >> 2) + i] = p));
  heap32[(argv >> 2) + all.length] = 0;
  return module._main(all.length, argv);
}

/** Int16 samples of the `data` chunk of eSpeak's 16-bit mono WAV. */
function wavSamples(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    let size = view.getUint32(offset + 4, true);
    if (id === 'data') {
      size = Math.min(size, bytes.length - offset - 8) & ~1;
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(offset + 8 + i * 2, true);
      return samples;
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error('eSpeak produced no audio data');
}

async function synthesize({ voice, pitch, speed, text }) {
  if (!engine) engine = await createEngine();
  const { module } = engine;
  stderr = [];
  // The text goes through a file, never argv, so a script starting with "-" cannot become an option.
  module.FS.writeFile(IN_FILE, text);
  try {
    module.FS.unlink(OUT_FILE);
  } catch {
    // not there yet
  }
  let status;
  try {
    status = runMain(engine, [
      '-b',
      '1',
      '-v',
      voice,
      '-p',
      String(pitch),
      '-s',
      String(speed),
      '-w',
      OUT_FILE,
      '-f',
      IN_FILE,
    ]);
  } catch (error) {
    engine = null; // an aborted instance is unusable; the next call builds a fresh one
    throw new Error(`eSpeak aborted: ${error?.message ?? error}`);
  } finally {
    // libc's file table lives in the restored memory, the JS side's does not: close what eSpeak left open.
    for (const stream of module.FS.streams) if (stream && stream.fd > 2) module.FS.close(stream);
  }
  if (status !== 0) throw new Error(`eSpeak failed (${status}): ${stderr.join(' ').slice(0, 200)}`);
  return wavSamples(module.FS.readFile(OUT_FILE));
}

parentPort.on('message', async ({ id, job }) => {
  try {
    const samples = await synthesize(job);
    // With an `encode` request the worker also resamples and packs the audio, off the main thread.
    const result = job.encode ? encodeAudio(samples, 22050, job.encode) : samples;
    const owned = result.byteOffset === 0 && result.byteLength === result.buffer.byteLength ? result : result.slice();
    parentPort.postMessage({ id, ok: true, result: owned }, [owned.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: String(error?.message ?? error) });
  }
});
engine = await createEngine();
parentPort.postMessage({ ready: true });
