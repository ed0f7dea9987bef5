import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Why a put_url was not used: the address is not allowed (400), or the upload itself failed (502). */
export class PutUrlError extends Error {
  constructor(
    message: string,
    readonly code: 'put_url_forbidden' | 'put_failed',
  ) {
    super(message);
    this.name = 'PutUrlError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface PutUrlOptions {
  /** Loopback and private targets allowed (tests, `--allow-private-put-url`). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Name resolution; the system resolver unless a test injects one. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/** A put_url whose address has been checked; the upload connects to exactly this address. */
export interface PutTarget {
  url: URL;
  address: ResolvedAddress;
}

/**
 * Addresses a put_url must not reach: the server's own host and the networks behind it. A request from a signed-in
 * user would otherwise be a request from the server (SSRF): cloud metadata, admin ports, the LAN.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", includes the unspecified address
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT (RFC 6598); also Alibaba's metadata service
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local; the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback (::1) and IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped: would reach any IPv4 address, private ones included
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['100::', 64], // discard
  ['2001::', 32], // Teredo (embeds IPv4)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds IPv4)
  ['fc00::', 7], // unique local (ULA); includes AWS's fd00:ec2::254 metadata
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

export function isForbiddenAddress(address: string, family: number): boolean {
  return FORBIDDEN.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return lookup(hostname, { all: true, verbatim: true });
}

/**
 * Resolves the put_url's host once and checks every address it has: a name with one public and one private
 * address is refused, since which one a connection would use is not ours to choose. Integer, octal and hex hosts
 * (`2130706433`, `0x7f.1`) are already dotted quads here: the WHATWG URL parser normalises them.
 */
export async function checkPutUrl(putUrl: string, opts: PutUrlOptions): Promise<PutTarget> {
  const url = new URL(putUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PutUrlError('put_url must be http or https.', 'put_url_forbidden');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolve)(host);
    } catch {
      throw new PutUrlError(`The put_url host ${host} could not be resolved.`, 'put_failed');
    }
  }
  const first = addresses[0];
  if (!first) throw new PutUrlError(`The put_url host ${host} has no address.`, 'put_failed');
  if (!opts.allowPrivate && addresses.some((a) => isForbiddenAddress(a.address, a.family))) {
    throw new PutUrlError(
      'put_url must not point at a loopback, private, link-local or otherwise internal address.',
      'put_url_forbidden',
    );
  }
  return { url, address: first };
}

/**
 * PUTs the audio to the checked address (a fixed `lookup`, so no second resolution can hand the connection
 * elsewhere; TLS still verifies the URL's host name), follows no redirect and keeps only the status: the target's
 * answer is not ours to relay (an internal page would otherwise be read through us).
 */
export function sendToPutTarget(target: PutTarget, body: Uint8Array, timeoutMs: number): Promise<{ status: number }> {
  const { address, family } = target.address;
  const pinned = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target.url,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(body.byteLength) },
        lookup: pinned,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // Drain without keeping anything, so the socket is released.
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', (e) => {
      const reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : 'failed';
      reject(new PutUrlError(`Uploading the audio to put_url ${reason}.`, 'put_failed'));
    });
    req.end(body);
  });
}

export async function uploadToPutUrl(
  putUrl: string,
  body: Uint8Array,
  opts: PutUrlOptions,
): Promise<{ status: number }> {
  return sendToPutTarget(await checkPutUrl(putUrl, opts), body, opts.timeoutMs);
}
