import type { RequestHandler } from 'express';
import type { Config } from '../env';
import { HttpError } from '../http-errors';

// DNS rebinding: a site whose name is made to resolve to this server's address becomes "same
// origin" with it, Origin header and all, and could guess sign-ins (locking the owner out) or use an
// open solo install. The browser still sends that site's own name as Host, so the server answers
// only to the names it is known by: HOST and the loopback names, and whatever TQB_ALLOWED_HOSTS
// adds (the public name behind a proxy). This holds in every mode: a session cookie does not stop a
// rebinding page from trying passwords. HOST and the loopback names are allowed on any port: DNS
// cannot rebind an address or localhost, and `npm run dev` proxies with the Vite server's port.

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** A Host header's name, without its port. */
const nameOf = (host: string) => host.toLowerCase().replace(/:\d+$/, '');

/** HOST as it appears in a Host header: an IPv6 address in brackets. */
const asHostName = (host: string) => {
  const h = host.toLowerCase();
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
};

/** The names a request may always use: the loopback names and HOST (unless a wildcard). */
function defaultHostNames(host: string): string[] {
  const own = asHostName(host);
  return WILDCARDS.has(own) || LOOPBACK_NAMES.includes(own)
    ? LOOPBACK_NAMES
    : [...LOOPBACK_NAMES, own];
}

export function hostAllowlistGuard(config: Pick<Config, 'host' | 'allowedHosts'>): RequestHandler {
  const ownNames = new Set(defaultHostNames(config.host));
  const anyPort = new Set(config.allowedHosts.filter((e) => !/:\d+$/.test(e) || e.endsWith(']')));
  const exact = new Set(config.allowedHosts.filter((e) => !anyPort.has(e)));
  return (req, _res, next) => {
    const host = req.headers.host;
    if (host === undefined) return next(); // HTTP/1.0 without Host: not a browser
    const name = nameOf(host);
    if (ownNames.has(name) || anyPort.has(name) || exact.has(host.toLowerCase())) return next();
    throw new HttpError(
      403,
      'host_not_allowed',
      `This server does not answer to Host ${JSON.stringify(host)}, to keep DNS rebinding pages out. ` +
        'To serve it under that name (a reverse proxy, another host name), add the name to TQB_ALLOWED_HOSTS.',
    );
  };
}
