import {
  passwordSchema,
  roleSchema,
  usernameSchema,
  type PublicUser,
} from '../../src/contract/accounts';
import type { UserService } from '../accounts/user-service';
import { CLI_ACTOR, type RequestContext } from '../context';
import { HttpError } from '../http-errors';

// `npm run user -- add NAME --role ROLE | passwd NAME | list`: scripted installs, and a way back in
// for whoever runs the server when the last admin's password is lost. The entry point
// (user.ts) reads the password and prints; this part is the commands themselves.

export const USAGE = `Usage:
  npm run user -- add NAME --role admin|builder|operator|viewer
  npm run user -- passwd NAME
  npm run user -- list
The password is asked for (without echo) or read from the first line of standard input.`;

export class CliError extends Error {
  override name = 'CliError';
}

export type UserCommand =
  | { kind: 'add'; username: string; role: PublicUser['role'] }
  | { kind: 'passwd'; username: string }
  | { kind: 'list' };

/** Reads the arguments after `npm run user --`; throws CliError saying what is wrong. */
export function parseUserCommand(args: readonly string[]): UserCommand {
  const [verb, ...rest] = args;
  const positional = rest.filter((a, i) => !a.startsWith('--') && rest[i - 1] !== '--role');
  const roleAt = rest.findIndex((a) => a === '--role' || a.startsWith('--role='));
  const unknown = rest.find(
    (a) => a.startsWith('--') && a !== '--role' && !a.startsWith('--role='),
  );
  if (unknown) throw new CliError(`Unknown option ${unknown}.\n${USAGE}`);
  const name = () => {
    if (positional.length !== 1) throw new CliError(`Give one username.\n${USAGE}`);
    const parsed = usernameSchema.safeParse(positional[0]);
    if (!parsed.success) throw new CliError(parsed.error.issues[0]!.message);
    return parsed.data;
  };
  switch (verb) {
    case 'add': {
      const given =
        roleAt === -1
          ? undefined
          : rest[roleAt]!.includes('=')
            ? rest[roleAt]!.split('=')[1]
            : rest[roleAt + 1];
      if (given === undefined) throw new CliError(`Give the role with --role.\n${USAGE}`);
      const role = roleSchema.safeParse(given);
      if (!role.success) throw new CliError(role.error.issues[0]!.message);
      return { kind: 'add', username: name(), role: role.data };
    }
    case 'passwd':
      if (roleAt !== -1) throw new CliError(`passwd takes no --role.\n${USAGE}`);
      return { kind: 'passwd', username: name() };
    case 'list':
      if (rest.length > 0) throw new CliError(`list takes no arguments.\n${USAGE}`);
      return { kind: 'list' };
    default:
      throw new CliError(verb === undefined ? USAGE : `Unknown command ${verb}.\n${USAGE}`);
  }
}

function checkPassword(password: string): string {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new CliError(`The ${parsed.error.issues[0]!.message}.`);
  return parsed.data;
}

const table = (users: PublicUser[]) => {
  if (users.length === 0) return 'No users yet.';
  const rows = users.map((u) => [
    u.username,
    u.role,
    u.disabled ? 'disabled' : 'enabled',
    u.createdAt,
  ]);
  const all = [['USERNAME', 'ROLE', 'STATUS', 'CREATED'], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** Runs one command; answers what to print. Errors the service raises become CliErrors. */
export async function runUserCommand(
  command: UserCommand,
  deps: { users: UserService; readPassword(): Promise<string> },
): Promise<string> {
  const ctx: RequestContext = { actor: CLI_ACTOR, ip: null };
  try {
    switch (command.kind) {
      case 'list':
        return table(await deps.users.list());
      case 'add': {
        const password = checkPassword(await deps.readPassword());
        const user = await deps.users.create(
          { username: command.username, password, role: command.role },
          ctx,
          { first: true },
        );
        return `Added ${user.username} (${user.role}).`;
      }
      case 'passwd': {
        const user = await deps.users.findByUsername(command.username);
        const password = checkPassword(await deps.readPassword());
        await deps.users.update(user.id, { password }, ctx);
        return `Changed the password of ${user.username}; their sessions have ended.`;
      }
    }
  } catch (err) {
    if (err instanceof HttpError) throw new CliError(err.message);
    throw err;
  }
}
