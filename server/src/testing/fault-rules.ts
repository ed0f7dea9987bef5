import { ApiError } from '../http/api-error';

export interface FaultRule {
  /** Exact API path (trailing slash optional) or a prefix ending in `*`. */
  path: string;
  latencyMs?: number;
  /**
   * Synthesis only: extra time per second of audio made, ms (300 = real-time factor 0.3), on top of `latencyMs`
   * (synthesis-pacing.ts).
   */
  latencyPerAudioSecondMs?: number;
  /** Synthesis only: send the WAV header first and the samples as they are made (synthesis-pacing.ts). */
  stream?: boolean;
  /** With `stream`: cut the connection once this much audio (ms) has been sent. */
  cutAfterAudioMs?: number;
  status?: number;
  /** Seconds (number) or an HTTP date (string), sent as Retry-After with `status`. */
  retryAfter?: number | string;
  /** Destroy the connection without an answer. */
  drop?: boolean;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
  /** Apply to every n-th matching request only (1 = each). */
  every?: number;
  /** Apply at most this many times, then the rule is spent. */
  count?: number;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

function isUint(v: unknown, min = 0): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** Validates PUT /__test/faults input so a typo in a test fails loudly instead of silently never matching. */
export function parseFaultRules(body: unknown): FaultRule[] {
  const rules = (body as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new ApiError(400, 'invalid_rules', 'Send { "rules": [ ... ] }.');
  return rules.map((r: unknown, i) => {
    const rule = r as Record<string, unknown>;
    const bad = (what: string) => new ApiError(400, 'invalid_rules', `rules[${i}]: ${what}`);
    if (!rule || typeof rule !== 'object' || typeof rule.path !== 'string' || !rule.path.startsWith('/')) {
      throw bad('path must be a string starting with "/".');
    }
    if (rule.latencyMs !== undefined && !isUint(rule.latencyMs)) throw bad('latencyMs must be a whole number >= 0.');
    if (rule.latencyPerAudioSecondMs !== undefined && !isUint(rule.latencyPerAudioSecondMs)) {
      throw bad('latencyPerAudioSecondMs must be a whole number >= 0.');
    }
    if (rule.cutAfterAudioMs !== undefined && !(isUint(rule.cutAfterAudioMs) && rule.stream === true)) {
      throw bad('cutAfterAudioMs must be a whole number >= 0, with stream.');
    }
    if (rule.status !== undefined && !(isUint(rule.status) && rule.status >= 400 && rule.status <= 599)) {
      throw bad('status must be 400..599.');
    }
    if (rule.retryAfter !== undefined && !isUint(rule.retryAfter) && typeof rule.retryAfter !== 'string') {
      throw bad('retryAfter must be seconds or an HTTP date.');
    }
    if (rule.every !== undefined && !isUint(rule.every, 1)) throw bad('every must be a whole number >= 1.');
    if (rule.count !== undefined && !isUint(rule.count, 1)) throw bad('count must be a whole number >= 1.');
    for (const flag of ['drop', 'hang', 'stream'] as const) {
      if (rule[flag] !== undefined && typeof rule[flag] !== 'boolean') throw bad(`${flag} must be a boolean.`);
    }
    return rule as unknown as FaultRule;
  });
}

/** Chooses the fault (if any) for a request; rules are tried in order. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, seen: 0, applied: 0 }));
  }

  clear(): void {
    this.rules = [];
  }

  pick(path: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      const matches = rule.path.endsWith('*')
        ? path.startsWith(rule.path.slice(0, -1))
        : trimSlash(path) === trimSlash(rule.path);
      if (!matches) continue;
      if (rule.count !== undefined && active.applied >= rule.count) continue;
      active.seen += 1;
      if (active.seen % (rule.every ?? 1) !== 0) continue;
      active.applied += 1;
      return rule;
    }
    return undefined;
  }
}
