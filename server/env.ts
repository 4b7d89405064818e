import dns from 'node:dns/promises';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { SID_PATTERNS } from '../src/contract/sids';
import { DEFAULT_SCHEDULE_MIN_SECONDS, SCHEDULE_MAX_SECONDS } from './emulator/twilio-rules';

// Configuration is read from the environment once, at start-up. A bad value stops the process
// with a message that names the variable, what it must be and what it was.

const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 1 to 65535')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'must be a whole number from 1 to 65535')
    .default(fallback);

const flag = z
  .enum(['0', '1'], { message: 'must be 0 or 1' })
  .default('0')
  .transform((v) => v === '1');

const wholeNumber = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

/** Express's named ranges for 'trust proxy'. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet as proxy-addr (behind Express's 'trust proxy') reads it: 10.0.0.1, 10.0.0.0/8, 10.0.0.0/255.0.0.0, fd00::/8. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [ip, range, ...rest] = entry.split('/');
  const version = net.isIP(ip ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && net.isIPv4(range);
}

const TRUST_PROXY_HELP =
  'must be false, true, a number of proxy hops (such as 1), or a comma-separated list of proxy addresses, subnets ' +
  '(10.0.0.0/8) or the names loopback, linklocal, uniquelocal';

/** Express's 'trust proxy' setting: false (the socket's address), true (the left-most X-Forwarded-For), hops, or trusted addresses. */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string[] => {
    const lower = v.toLowerCase();
    if (lower === 'false') return false;
    if (lower === 'true') return true;
    // 0 hops trusts nothing, the same as false.
    if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
    const entries = v.split(',').map((e) => e.trim());
    if (entries.every((e) => isProxyAddress(e))) return entries;
    ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
    return z.NEVER;
  })
  .default(false);

const isHex = (v: string) => /^[0-9a-fA-F]*$/.test(v);
const isBase64 = (v: string) => /^[A-Za-z0-9+/_-]+=*$/.test(v);

/** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port: what a Host header holds. */
const HOST_ENTRY =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** TQB_ALLOWED_HOSTS: Host names, or host:port, the server answers to besides its own defaults. */
const allowedHosts = z
  .string()
  .transform((v, ctx): string[] => {
    const entries = v
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== '');
    const bad = entries.filter((e) => !HOST_ENTRY.test(e));
    if (bad.length === 0) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `must be a comma-separated list of host names or host:port, such as tqb.example.org,tqb.example.org:8443 (${bad.map((b) => JSON.stringify(b)).join(', ')} is not one)`,
    });
    return z.NEVER;
  })
  .default([]);

const envSchema = z.object({
  PORT: port(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  TWILIO_API_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://api.twilio.com' })
    .default('https://api.twilio.com')
    .transform((u) => u.replace(/\/+$/, '')),
  TQB_EMULATOR_ACCOUNT_SID: z
    .string()
    .regex(SID_PATTERNS.account, 'must be AC followed by 32 hexadecimal digits')
    .optional(),
  TQB_EMULATOR_AUTH_TOKEN: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hexadecimal digits, like a Twilio Auth Token')
    .optional(),
  TQB_SECRET_KEY: z
    .string()
    .refine((v) => isBase64(v) && Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`',
    })
    .optional(),
  TQB_EMULATOR_TRIAL: flag,
  TQB_EMULATOR_SCHEDULE_MIN_SECONDS: wholeNumber(
    DEFAULT_SCHEDULE_MIN_SECONDS,
    0,
    SCHEDULE_MAX_SECONDS,
  ),
  TQB_EMULATOR_STEP_MS: wholeNumber(1000, 0, 600_000),
  TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE: flag,
  EMULATOR_PORT: port(4010),
  TQB_RATE_LIMIT: wholeNumber(120, 0, 1_000_000),
  TQB_MAX_UPSTREAM_BYTES: wholeNumber(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  TQB_TRUST_PROXY: trustProxy,
  TQB_ALLOWED_HOSTS: allowedHosts,
  // Replaced by accounts: only whether it is set matters (checkServerAccess refuses to start).
  TQB_ACCESS_PASSWORD: z.string().optional(),
  TQB_SETUP_TOKEN: z
    .string()
    .min(12, 'must be at least 12 characters long')
    .max(256, 'must be at most 256 characters long')
    .optional(),
  TQB_AUDIT_BODIES: z
    .enum(['0', '1'], { message: 'must be 0 or 1' })
    .default('1')
    .transform((v) => v === '1'),
  TQB_AUDIT_RETENTION_DAYS: wholeNumber(365, 0, 100_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  twilioApiBaseUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Requests per minute per client IP on execute and on the connection tests; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** The most bytes of a Twilio answer, once decoded, the relay reads; past it the call fails (502). */
  maxUpstreamBytes: number;
  /**
   * Express's 'trust proxy': which X-Forwarded-For hops to believe, so req.ip (the rate limiters'
   * key) is the client behind a reverse proxy rather than the proxy itself. False by default.
   */
  trustProxy: boolean | number | string[];
  /**
   * Host names (any port) or host:port the server answers to, besides HOST and the loopback names
   * on the server's own port: the DNS rebinding guard.
   */
  allowedHosts: string[];
  /** Whether the retired TQB_ACCESS_PASSWORD is set: the server then refuses to start. */
  accessPasswordSet: boolean;
  /** What POST /api/setup asks for; when unset the server makes one per process and logs it. */
  setupToken: string | undefined;
  audit: {
    /** Keep message bodies in run events; false keeps their length and SHA-256 only. */
    bodies: boolean;
    /** Events older than this many days are pruned; 0 keeps them forever. */
    retentionDays: number;
  };
  /** The key that encrypts saved secrets; when absent a key file in DATA_DIR is used. */
  secretKey: Buffer | undefined;
  emulator: {
    port: number;
    accountSid: string | undefined;
    authToken: string | undefined;
    trial: boolean;
    scheduleMinSeconds: number;
    stepMs: number;
    /** Status callbacks may go to loopback, private and link-local addresses too. */
    callbacksAllowPrivate: boolean;
  };
}

/**
 * What a secret variable holds, told without the value itself: an operator fixing it needs its
 * length and encoding, and logs or terminals that show the message must never show the secret.
 */
const SECRET_VARIABLES: Record<string, (value: string) => string> = {
  TQB_SETUP_TOKEN: (v) => `${v.length} characters`,
  TQB_EMULATOR_AUTH_TOKEN: (v) =>
    `${v.length} characters, ${isHex(v) ? 'all hexadecimal' : 'not all hexadecimal'}`,
  TQB_SECRET_KEY: (v) =>
    isBase64(v)
      ? `${v.length} characters of base64 that decode to ${Buffer.from(v, 'base64').length} bytes`
      : `${v.length} characters, not base64`,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      // A secret is never echoed back, not even a wrong one.
      const describeSecret = SECRET_VARIABLES[name];
      const got = describeSecret
        ? `${describeSecret(String(env[name]))}, value not shown`
        : JSON.stringify(env[name]);
      return `  ${name} ${issue.message} (got ${got})`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    twilioApiBaseUrl: e.TWILIO_API_BASE_URL,
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.TQB_RATE_LIMIT,
    maxUpstreamBytes: e.TQB_MAX_UPSTREAM_BYTES,
    trustProxy: e.TQB_TRUST_PROXY,
    allowedHosts: e.TQB_ALLOWED_HOSTS,
    accessPasswordSet: e.TQB_ACCESS_PASSWORD !== undefined,
    setupToken: e.TQB_SETUP_TOKEN,
    audit: { bodies: e.TQB_AUDIT_BODIES, retentionDays: e.TQB_AUDIT_RETENTION_DAYS },
    secretKey: e.TQB_SECRET_KEY === undefined ? undefined : Buffer.from(e.TQB_SECRET_KEY, 'base64'),
    emulator: {
      port: e.EMULATOR_PORT,
      accountSid: e.TQB_EMULATOR_ACCOUNT_SID,
      authToken: e.TQB_EMULATOR_AUTH_TOKEN?.toLowerCase(),
      trial: e.TQB_EMULATOR_TRIAL,
      scheduleMinSeconds: e.TQB_EMULATOR_SCHEDULE_MIN_SECONDS,
      stepMs: e.TQB_EMULATOR_STEP_MS,
      callbacksAllowPrivate: e.TQB_EMULATOR_CALLBACKS_ALLOW_PRIVATE,
    },
  };
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: addresses only this machine can reach. A name is not an address. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (net.isIPv6(h)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isLoopbackAddress(mapped[1]!);
    return new net.SocketAddress({ address: h, family: 'ipv6' }).address === '::1';
  }
  return net.isIPv4(h) && h.startsWith('127.');
}

/** Every address a name resolves to, as the server's listen() would look it up. */
export type HostLookup = (host: string) => Promise<string[]>;

const systemLookup: HostLookup = async (host) =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Whether HOST is loopback, judged by the addresses it resolves to and not by its name: a
 * `foo.localhost` that DNS sends elsewhere is not loopback. A name that does not resolve is not.
 */
export async function isLoopbackHost(
  host: string,
  lookup: HostLookup = systemLookup,
): Promise<boolean> {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(h) !== 0) return isLoopbackAddress(h);
  try {
    const addresses = await lookup(h);
    return addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a));
  } catch {
    return false;
  }
}

export const ACCESS_PASSWORD_RETIRED =
  'TQB_ACCESS_PASSWORD is no longer supported: accounts replace it. Unset it, start the server and create the first admin ' +
  'at /setup with the setup token from the log, or run `npm run user -- add NAME --role admin`.';

/**
 * The server (not the standalone emulator, nor the `npm run user` CLI that an upgrade runs) refuses
 * to start with the retired shared password: leaving it set would suggest it still guards anything.
 * A non-loopback HOST without accounts starts and answers 401 setup_required until one exists.
 */
export function checkServerAccess(config: Config): void {
  if (config.accessPasswordSet) throw new ConfigError(ACCESS_PASSWORD_RETIRED);
}
