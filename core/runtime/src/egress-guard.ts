/**
 * Refuses outbound calls to anything but public unicast addresses unless allowed
 * (WIREUP_EGRESS_ALLOW_PRIVATE=true), so a connection or workflow cannot be pointed at the
 * host's own network.
 *
 * Addresses are classified with `ipaddr.js`: an address is public only when its range is
 * `unicast`. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it maps;
 * NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`) as the IPv4 address they embed; loopback,
 * private, link-local, unique-local, CGNAT, benchmarking, documentation, multicast, broadcast,
 * reserved, unspecified, Teredo, local-use NAT64 (`64:ff9b:1::/48`) and the deprecated
 * IPv4-compatible `::/96` are refused.
 *
 * The check must see the address the socket connects to, or DNS rebinding slips a private
 * address in between check and connect: `guardedLookup` is given to the HTTP agents as their
 * `lookup`, so the addresses checked are the ones connected to. Literal IP hosts never reach
 * `lookup` (Node connects to them directly), so `assertEgressAllowed` checks them first.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { EgressRefusedError, type EgressAllowance } from '@wireup/sdk';

/** The ipaddr.js range name of an address, embedded IPv4 addresses unwrapped, or null when it is not an IP. */
export function addressRange(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  let address = ipaddr.parse(ip);
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    const parts = v6.parts;
    if (v6.isIPv4MappedAddress()) address = v6.toIPv4Address();
    else if (v6.match(ipaddr.parse('64:ff9b::') as ipaddr.IPv6, 96))
      address = ipaddr.fromByteArray(v6.toByteArray().slice(12));
    else if (v6.match(ipaddr.parse('2002::') as ipaddr.IPv6, 16))
      address = new ipaddr.IPv4([parts[1] >> 8, parts[1] & 0xff, parts[2] >> 8, parts[2] & 0xff]);
    else if (parts.slice(0, 6).every((p) => p === 0) && !(parts[6] === 0 && parts[7] <= 1)) return 'ipv4Compatible';
  }
  return address.range();
}

/** True for every address that is not public unicast (loopback, private, link-local, reserved, …). */
export function isPrivateAddress(ip: string): boolean {
  return addressRange(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '')) !== 'unicast';
}

function allows(allowance: EgressAllowance, ip: string): boolean {
  if (allowance === true || !isPrivateAddress(ip)) return true;
  if (allowance === false) return false;
  const address = ipaddr.process(ip.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  return allowance.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === address.kind() && address.match(range, bits);
  });
}

function refuseHost(host: string, allowance: EgressAllowance): void {
  if (allowance === false && (host === 'localhost' || host.endsWith('.localhost'))) throw new EgressRefusedError(host);
  if (isIP(host) && !allows(allowance, host)) throw new EgressRefusedError(host);
}

/**
 * Throws EgressRefusedError when `hostname` is a refused literal address (or a `localhost`
 * name while nothing private is allowed). Names are checked where the connection is made
 * (guardedLookup).
 */
export function assertEgressAllowed(hostname: string, allowance: EgressAllowance): void {
  if (allowance === true) return;
  refuseHost(hostname.replace(/^\[|\]$/g, ''), allowance);
}

/** How names are resolved: `dns.lookup` with `all: true` (tests give a resolver that rebinds). */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for sockets and HTTP agents: resolves like `dns.lookup`, then refuses the name
 * when any address it resolves to is private (so no round-robin answer can sneak one in).
 */
export function guardedLookup(allowance: EgressAllowance, resolve: Resolver = dnsLookup): LookupFunction {
  if (allowance === true) return dnsLookup as LookupFunction;
  return ((
    hostname: string,
    options: LookupOneOptions | LookupAllOptions,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    try {
      refuseHost(hostname, allowance);
    } catch (error) {
      callback(error as Error, '', 0);
      return;
    }
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !allows(allowance, a.address));
      if (refused) return callback(new EgressRefusedError(`${hostname} (${refused.address})`), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/**
 * Reads WIREUP_EGRESS_ALLOW_PRIVATE: `true`/`1`/`yes` allows every private address, a comma
 * list of CIDR ranges allows those, anything else (unset, `false`) none. Throws a plain Error
 * naming the entry when a list entry is not a CIDR range.
 */
export function egressAllowPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): EgressAllowance {
  const raw = (env.WIREUP_EGRESS_ALLOW_PRIVATE ?? '').trim();
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (!/[./:]/.test(raw)) return false;
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((cidr) => {
      try {
        ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(
          `WIREUP_EGRESS_ALLOW_PRIVATE: "${cidr}" is not a CIDR range (such as 10.20.0.0/16 or fd00::/8); give true, false or a comma list of ranges.`,
        );
      }
      return cidr;
    });
}
