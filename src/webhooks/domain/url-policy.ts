import { BlockList, isIP } from 'node:net';
import { ValidationFailed } from '../../common/errors/domain-error.js';

/** Where an address points; anything but `public` is refused unless private URLs are allowed. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

/** Ranges by class (RFC 6890 and friends). IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are matched against the IPv4 rules. */
const ranges: [Exclude<AddressClass, 'public'>, string, number, 'ipv4' | 'ipv6'][] = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT, shared address space
  ['private', 'fc00::', 7, 'ipv6'], // unique local
  ['link-local', '169.254.0.0', 16, 'ipv4'], // cloud metadata services live here
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'], // benchmarking
  ['reserved', '224.0.0.0', 4, 'ipv4'], // multicast
  ['reserved', '240.0.0.0', 4, 'ipv4'], // future use and broadcast
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'], // multicast
  ['reserved', '64:ff9b::', 96, 'ipv6'], // NAT64: would reach any IPv4 address, private ones included
  ['reserved', '2001:db8::', 32, 'ipv6'], // documentation
];

const lists = new Map<Exclude<AddressClass, 'public'>, BlockList>();
for (const [kind, network, prefix, family] of ranges) {
  if (!lists.has(kind)) lists.set(kind, new BlockList());
  lists.get(kind)!.addSubnet(network, prefix, family);
}

export function classifyAddress(address: string): AddressClass {
  const version = isIP(address);
  if (version === 0) throw new Error(`classifyAddress: ${address} is not an IP address`);
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of lists) if (list.check(address, family)) return kind;
  return 'public';
}

/** Why `host` (a name, or an address itself) may not be called at `address`, or undefined when it may. */
export function addressRefusal(host: string, address: string, allowPrivate: boolean): string | undefined {
  if (allowPrivate) return undefined;
  const kind = classifyAddress(address);
  if (kind === 'public') return undefined;
  const where = host === address ? `${address} is a ${kind} address` : `${host} resolves to ${address}, a ${kind} address`;
  return `${where}; Tally calls only public addresses unless WEBHOOK_ALLOW_PRIVATE_URLS=true`;
}

const urlLengthMax = 2_048;

/**
 * The shape of a subscription URL: http or https, no credentials (they would be sent to whoever answers and shown
 * in listings), no fragment, at most 2,048 characters. Where it points is checked when it is resolved.
 */
export function parseWebhookUrl(text: string, field = 'url'): URL {
  if (text.length > urlLengthMax) throw ValidationFailed.field(field, `must be at most ${urlLengthMax} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ValidationFailed.field(field, 'must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ValidationFailed.field(field, 'must be an absolute http:// or https:// URL');
  if (url.username || url.password) throw ValidationFailed.field(field, 'must not carry a user name or password; authenticate the request by its signature');
  if (url.hash) throw ValidationFailed.field(field, 'must not have a #fragment');
  return url;
}

/** The URL's host as an address or a name to resolve: `[::1]` becomes `::1`. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** A URL for logs and the audit: scheme, host and path, never the query string, which may carry a receiver's token. */
export function urlForDisplay(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?...' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}
