import { lookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRefusal, hostOf } from '../domain/url-policy.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Raised by the connection's lookup, so the attempt fails with a reason and the refused address is never dialled. */
export class AddressRefused extends Error {
  readonly code = 'WEBHOOK_ADDRESS_REFUSED';
}

/**
 * A `lookup` for http(s).request and agents: resolves as dns.lookup does, then refuses the connection when an
 * address is loopback, private or link-local. Checked on the address actually dialled, at every new connection, so
 * a name that resolved to a public address when the subscription was made cannot be re-pointed inside later.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map(({ address }) => addressRefusal(hostname, address, allowPrivate)).find((reason) => reason !== undefined);
      if (refused) return callback(new AddressRefused(refused), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * Where a subscription URL points, checked when it is created or changed: a literal address, or every address its
 * name resolves to. Returns why it is refused, or undefined. A name that does not resolve is refused too.
 */
export async function urlRefusal(url: URL, allowPrivate: boolean): Promise<string | undefined> {
  const host = hostOf(url);
  if (isIP(host)) return addressRefusal(host, host, allowPrivate);
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAll(host, { all: true });
  } catch (error) {
    return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`;
  }
  return addresses.map(({ address }) => addressRefusal(host, address, allowPrivate)).find((reason) => reason !== undefined);
}

/** A literal address in the URL is not looked up by Node, so it is checked before connecting. */
export function literalAddressRefusal(url: URL, allowPrivate: boolean): string | undefined {
  const host = hostOf(url);
  return isIP(host) ? addressRefusal(host, host, allowPrivate) : undefined;
}
