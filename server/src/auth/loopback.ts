import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { UnsafeBindError } from './errors.js';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
// Dual-stack sockets report IPv4 peers as ::ffff:a.b.c.d.
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Whether an IP address (as a socket reports it) is loopback: 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const bare = address.replace(/%.*$/, '');
  if (isIPv4(bare)) return LOOPBACK.check(bare, 'ipv4');
  if (isIPv6(bare)) return LOOPBACK.check(bare, 'ipv6');
  return false;
}

/** Whether a bind host or Host header names this machine only: `localhost` or a loopback address. */
export function isLoopbackHost(host: string | undefined | null): boolean {
  if (!host) return false;
  let name = host.trim().toLowerCase();
  if (name.startsWith('['))
    name = name.slice(1, name.indexOf(']') > 0 ? name.indexOf(']') : undefined);
  else if (name.split(':').length === 2) name = name.slice(0, name.indexOf(':'));
  return name === 'localhost' || isLoopbackAddress(name);
}

/**
 * Refuses to serve a non-loopback address while no token exists: loopback callers without a
 * token get every scope, and anyone else would get nothing useful, so the bind is a mistake.
 */
export function assertSafeBind(options: {
  host: string;
  tokensConfigured: boolean;
  root?: string;
}): void {
  if (options.tokensConfigured || isLoopbackHost(options.host)) return;
  const root = options.root ? ` --root ${options.root}` : '';
  throw new UnsafeBindError(
    `refusing to listen on ${options.host}: no API tokens exist, and without one every caller would have full access on loopback and none elsewhere. Create a token first (runfacts token create --name NAME --scopes read,write${root}) and send it as "Authorization: Bearer <token>", or listen on 127.0.0.1`,
  );
}
