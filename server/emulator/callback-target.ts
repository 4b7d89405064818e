import dns from 'node:dns';
import net from 'node:net';

// Where a status callback may go: public addresses only, unless the emulator is told otherwise
// (TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE=1). The check is on the address the socket connects to,
// after resolution, so a name that resolves to 127.0.0.1 or 169.254.169.254 is refused like the
// literal; a name is resolved once, for the check and the connection alike, so it cannot rebind
// between the two.

const blocked = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", the unspecified address
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['::', 96], // IPv4-compatible (::127.0.0.1), deprecated
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48], // local-use NAT64
] as const)
  blocked.addSubnet(prefix, bits, 'ipv6');

/** Why an address may not receive a callback, or null when it is public. */
export function nonPublicReason(address: string): string | null {
  const family = net.isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1, or ::ffff:7f00:1 as URLs write it) reaches the
  // IPv4 one: BlockList checks it against the IPv4 rules itself.
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
    ? `${address} is not a public address (loopback, private, link-local or reserved); set TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE=1 to allow it`
    : null;
}

export class CallbackTargetRefused extends Error {
  override name = 'CallbackTargetRefused';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that resolves as usual and fails with CallbackTargetRefused when
 * any address is not public (Node skips lookup for a literal IP: checkLiteral covers those).
 */
export function publicOnlyLookup(
  hostname: string,
  options: dns.LookupOptions,
  callback: LookupCallback,
): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    for (const a of addresses) {
      const reason = nonPublicReason(a.address);
      if (reason)
        return callback(new CallbackTargetRefused(`${hostname} resolves to ${reason}`), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
}

/** Why a URL's literal IP host may not receive a callback, or null (a name is checked on lookup). */
export function checkLiteral(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return net.isIP(host) ? nonPublicReason(host) : null;
}
