// Test builds only (loaded by utils/instrumentation/output-tap.ts when __BUILD_KIND__ !== 'release'): records the level of
// the player's rendered output so the benchmark can measure seams and time to first audio on the real signal.
// It keeps one RMS value per window of `windowFrames` frames (0.5 ms) rather than the samples themselves: seams are
// measured on a 2 ms level envelope anyway, and minutes of raw 48 kHz audio would weigh on the memory figures.
/* global AudioWorkletProcessor, registerProcessor, currentFrame */
class OutputTapProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.windowFrames = options.processorOptions.windowFrames;
    this.armed = true;
    this.generation = 0;
    this.reset();
    this.port.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'arm') {
        this.armed = message.armed;
        this.generation = message.generation;
        this.reset();
      }
    };
  }

  reset() {
    this.startFrame = -1;
    this.nextFrame = -1;
    this.sum = 0;
    this.count = 0;
    this.batch = new Float32Array(256);
    this.batchLength = 0;
  }

  flush() {
    if (this.batchLength === 0) return;
    const data = this.batch.slice(0, this.batchLength);
    this.port.postMessage({ type: 'levels', generation: this.generation, startFrame: this.startFrame, data }, [
      data.buffer,
    ]);
    this.startFrame += this.batchLength * this.windowFrames;
    this.batchLength = 0;
  }

  process(inputs) {
    if (!this.armed) return true;
    const channels = inputs[0] || [];
    const frames = channels.length > 0 ? channels[0].length : 128;
    if (this.startFrame < 0) {
      this.startFrame = currentFrame;
      this.nextFrame = currentFrame;
    }
    // Chromium skips render quanta for a node whose input is silent (measured: ~40 ms before the first sound,
    // more in every pause); count the frames it skipped as the silence they were, so the level track stays
    // aligned with the context clock. The count only moves forward: now and then a quantum arrives with the same
    // `currentFrame` as the one before it (measured: 128 frames behind the count, the next one 128 ahead), and
    // taking it as the position made the next quantum look like a skip, zero-filled although it was not — the
    // track then ran whole quanta ahead of the clock, 42-74 ms after a 30-sentence streamed reading, which the
    // benchmark counted as late units.
    for (let skipped = currentFrame - this.nextFrame; skipped > 0; skipped--) this.addPower(0);
    this.nextFrame = Math.max(this.nextFrame, currentFrame) + frames;
    for (let i = 0; i < frames; i++) {
      // Mean power over channels; an input with no active source has no channels and counts as silence.
      let power = 0;
      for (let c = 0; c < channels.length; c++) power += channels[c][i] * channels[c][i];
      this.addPower(channels.length > 0 ? power / channels.length : 0);
    }
    return true;
  }

  addPower(power) {
    this.sum += power;
    if (++this.count === this.windowFrames) {
      this.batch[this.batchLength++] = Math.sqrt(this.sum / this.windowFrames);
      this.sum = 0;
      this.count = 0;
      if (this.batchLength === this.batch.length) this.flush();
    }
  }
}

registerProcessor('vocalid-output-tap', OutputTapProcessor);
