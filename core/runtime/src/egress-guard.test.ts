import { describe, expect, it } from 'vitest';
import { assertEgressAllowed, egressAllowPrivateFromEnv, isPrivateAddress } from './egress-guard.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:2::1', 'IPv6 benchmarking'],
    ['2001::1', 'Teredo'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of link-local'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['::7f00:1', 'IPv4-compatible (deprecated)'],
    ['[::1]', 'bracketed'],
    ['fe80::1%eth0', 'scoped'],
    ['not-an-ip', 'not an address'],
  ])('%s is refused (%s)', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );
});

describe('assertEgressAllowed', () => {
  it('refuses private literals and localhost names unless allowed', () => {
    expect(() => assertEgressAllowed('[::ffff:7f00:1]', false)).toThrow(/EGRESS|refused/);
    expect(() => assertEgressAllowed('app.localhost', false)).toThrow(/refused/);
    expect(() => assertEgressAllowed('[::ffff:7f00:1]', true)).not.toThrow();
    expect(() => assertEgressAllowed('api.stripe.com', false)).not.toThrow();
  });
});

describe('egressAllowPrivateFromEnv', () => {
  it('reads true, false and CIDR lists; names a bad entry', () => {
    expect(egressAllowPrivateFromEnv({ WIREUP_EGRESS_ALLOW_PRIVATE: 'true' })).toBe(true);
    expect(egressAllowPrivateFromEnv({})).toBe(false);
    expect(egressAllowPrivateFromEnv({ WIREUP_EGRESS_ALLOW_PRIVATE: 'false' })).toBe(false);
    expect(egressAllowPrivateFromEnv({ WIREUP_EGRESS_ALLOW_PRIVATE: '10.20.0.0/16, fd00::/8' })).toEqual([
      '10.20.0.0/16',
      'fd00::/8',
    ]);
    expect(() => egressAllowPrivateFromEnv({ WIREUP_EGRESS_ALLOW_PRIVATE: '10.20.0.0/16,10.1.2.3' })).toThrow(
      /"10\.1\.2\.3" is not a CIDR range/,
    );
  });

  it('a CIDR list allows those ranges (IPv4-mapped spellings included) and nothing else', () => {
    const ranges = ['10.20.0.0/16'];
    expect(() => assertEgressAllowed('10.20.3.4', ranges)).not.toThrow();
    expect(() => assertEgressAllowed('[::ffff:10.20.3.4]', ranges)).not.toThrow();
    expect(() => assertEgressAllowed('10.21.0.1', ranges)).toThrow(/refused/);
    expect(() => assertEgressAllowed('127.0.0.1', ranges)).toThrow(/refused/);
  });
});
