import { ApiError } from '../http/api-error';
import { SUPPORTED_SAMPLE_RATES, type Container } from './wav-encode';

/** api-decisions.md "Text limit": code points after trimming, not UTF-16 units or bytes. */
export const MAX_SCRIPT_CODE_POINTS = 256;

export interface SynthesisParams {
  downloadToken: string;
  script: string;
  pitch: number;
  rate: number;
  container: Container;
  sampleRate: number;
  putUrl: URL | null;
}

const NUMBER = /^\s*[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

function modifier(value: unknown, name: 'pitch' | 'rate'): number {
  if (value === undefined) return 1;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const n = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 10) {
    throw new ApiError(400, `invalid_${name}`, `${name} must be a number in (0, 10]; 1 is the voice's own ${name}.`);
  }
  return n;
}

/** Validates the documented synthesis parameters; every problem is a 400 with its own code. */
export function parseSynthesisParams(params: Record<string, unknown>): SynthesisParams {
  const token = params.download_token;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new ApiError(400, 'missing_download_token', 'download_token is required (see voices/list).');
  }
  if (typeof params.script !== 'string' || params.script.trim() === '') {
    throw new ApiError(400, 'missing_script', 'script is required and must contain text.');
  }
  const script = params.script.trim();
  const length = [...script].length;
  if (length > MAX_SCRIPT_CODE_POINTS) {
    throw new ApiError(
      400,
      'script_too_long',
      `script has ${length} characters; the limit is ${MAX_SCRIPT_CODE_POINTS} (Unicode code points, after trimming).`,
    );
  }
  const container = params.container === undefined ? 'wav' : params.container;
  if (container !== 'wav' && container !== '') {
    throw new ApiError(400, 'invalid_container', 'container must be "wav" or empty (raw 16-bit little-endian PCM).');
  }
  let sampleRate = 48000;
  if (params.sample_rate !== undefined) {
    const text = String(params.sample_rate).trim();
    sampleRate = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(SUPPORTED_SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
      throw new ApiError(
        400,
        'invalid_sample_rate',
        `sample_rate must be one of ${SUPPORTED_SAMPLE_RATES.join(', ')}.`,
      );
    }
  }
  let putUrl: URL | null = null;
  if (params.put_url !== undefined && params.put_url !== '') {
    try {
      putUrl = new URL(String(params.put_url));
    } catch {
      throw new ApiError(400, 'invalid_put_url', 'put_url must be an absolute http(s) URL.');
    }
    if (putUrl.protocol !== 'http:' && putUrl.protocol !== 'https:') {
      throw new ApiError(400, 'invalid_put_url', 'put_url must be an http or https URL.');
    }
  }
  return {
    downloadToken: token.trim(),
    script,
    pitch: modifier(params.pitch, 'pitch'),
    rate: modifier(params.rate, 'rate'),
    container,
    sampleRate,
    putUrl,
  };
}
