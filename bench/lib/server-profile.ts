// How the benchmark's server answers synthesis (bench/README.md "Server profiles"): each profile is a test-fault
// rule on the synthesis path (server/src/testing/synthesis-pacing.ts).
//   cloud: 150 ms + 0.3 × the audio's duration, streamed as it is made — a remote neural voice (a 256-character
//          unit is about 15 s of speech: 4.6 s before its last byte).
//   fast:  a fixed 300 ms whatever the length, the whole WAV at once — the model of the earlier runs.
export const SERVER_PROFILES = {
  cloud: { latencyMs: 150, latencyPerAudioSecondMs: 300, stream: true },
  fast: { latencyMs: 300, latencyPerAudioSecondMs: 0, stream: false },
} as const;

export type ServerProfileName = keyof typeof SERVER_PROFILES;
export type ServerProfile = (typeof SERVER_PROFILES)[ServerProfileName];

export function isServerProfileName(name: string): name is ServerProfileName {
  return Object.hasOwn(SERVER_PROFILES, name);
}

/** The fault rule that makes the server answer synthesis as `profile` says; `latencyMs` overrides the fixed part. */
export function profileRule(path: string, profile: ServerProfile, latencyMs?: number): Record<string, unknown> {
  return {
    path,
    latencyMs: latencyMs ?? profile.latencyMs,
    ...(profile.latencyPerAudioSecondMs ? { latencyPerAudioSecondMs: profile.latencyPerAudioSecondMs } : {}),
    ...(profile.stream ? { stream: true } : {}),
  };
}

/** A profile in words, for the table's footer and the JSON. */
export function describeProfile(name: ServerProfileName, profile: ServerProfile, latencyMs?: number): string {
  const fixed = latencyMs ?? profile.latencyMs;
  const proportional = profile.latencyPerAudioSecondMs
    ? ` + ${profile.latencyPerAudioSecondMs / 1000} × audio duration`
    : '';
  return `${name}: ${fixed} ms${proportional} per synthesis request${profile.stream ? ', streamed' : ''}`;
}
