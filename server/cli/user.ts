import path from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../env';
import { REDACTED_PATHS } from '../logger';
import { accountServices } from '../services';
import { openDatabase } from '../store/db';
import { CliError, parseUserCommand, runUserCommand } from './user-command';

// `npm run user -- ...`: manages accounts in DATA_DIR/app.db through the same store and services
// as the server (the server may be running: SQLite's WAL lets both use the file).

/** A prompt that does not echo what is typed, on a terminal. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password: ');
    const again = await promptHidden('Password again: ');
    if (first !== again) throw new CliError('The two passwords differ.');
    return first;
  }
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  try {
    const command = parseUserCommand(process.argv.slice(2));
    const config = loadConfig();
    const db = openDatabase(path.join(config.dataDir, 'app.db'));
    try {
      const logger = pino(
        { level: 'warn', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
        pino.destination(2),
      );
      const { users } = accountServices({ config, logger, db });
      console.log(await runUserCommand(command, { users, readPassword }));
      return 0;
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main();
