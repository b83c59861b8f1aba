/**
 * Refuses outbound calls to loopback, link-local and private addresses unless allowed
 * (WIREUP_EGRESS_ALLOW_PRIVATE=true), so a workflow cannot be pointed at the host's own network.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { EgressRefusedError } from './errors.ts';

const privateV4: Array<[number, number]> = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8],
  [0xa9fe0000, 16], [0xac100000, 12], [0xc0a80000, 16],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** True for loopback, private, link-local, CGNAT and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const n = v4ToInt(ip);
    return privateV4.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

/** Throws EgressRefusedError when `hostname` is or resolves to a private address and that is not allowed. */
export async function assertEgressAllowed(hostname: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) throw new EgressRefusedError(host);
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new EgressRefusedError(host);
}

/** Reads WIREUP_EGRESS_ALLOW_PRIVATE from the environment. */
export function egressAllowPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.WIREUP_EGRESS_ALLOW_PRIVATE ?? '');
}
