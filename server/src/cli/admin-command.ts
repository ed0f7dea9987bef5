import { createClient } from '../auth/client-store';
import { createHmacKey } from '../auth/hmac-key-store';
import { createUser, getUser } from '../auth/user-store';
import { defaultConfig, resolveDataDir } from '../config-defaults';
import { ALL_SCOPES } from '../context';
import { openDatabase } from '../db/database';
import { randomHexId, randomSecret } from '../util/random-id';
import { UsageError } from './parse-server-args';

function options(argv: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const v = inline ?? argv[++i];
    if (v === undefined) throw new UsageError(`--${name} needs a value`);
    map.set(name, v);
  }
  return map;
}

function scopesArg(value: string | undefined): string[] {
  if (!value) return [...ALL_SCOPES];
  const scopes = value.split(/[,\s]+/).filter(Boolean);
  const bad = scopes.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s));
  if (bad.length) throw new UsageError(`unknown scope(s): ${bad.join(', ')}; known: ${ALL_SCOPES.join(', ')}`);
  return scopes;
}

/**
 * `admin create-user | create-client | create-hmac-key`: creates credentials in the data dir and prints new
 * secrets once (only their hashes are kept, except HMAC secrets, which verification needs).
 */
export function runAdminCommand(argv: string[], print: (line: string) => void = console.log): void {
  const [command, ...rest] = argv;
  const opts = options(rest);
  const db = openDatabase(resolveDataDir(opts.get('data-dir') ?? defaultConfig().dataDir));
  try {
    const userOf = () => {
      const id = opts.get('user');
      if (!id) throw new UsageError('--user USER_ID is required');
      if (!getUser(db, id)) throw new UsageError(`no user ${id}`);
      return id;
    };
    switch (command) {
      case 'create-user': {
        const nickname = opts.get('nickname');
        if (!nickname) throw new UsageError('--nickname is required');
        const username = opts.get('username') ?? null;
        const password = username ? randomSecret(12) : null;
        const user = createUser(db, { nickname, username, password });
        print(`user_id: ${user.id}`);
        print(`nickname: ${nickname}`);
        if (username) print(`username: ${username}\npassword: ${password}   (shown once)`);
        break;
      }
      case 'create-client': {
        const userId = userOf();
        const clientId = opts.get('client-id') ?? `client-${randomHexId(8)}`;
        const secret = randomSecret();
        createClient(db, {
          clientId,
          secret,
          userId,
          name: opts.get('name') ?? clientId,
          isPublic: false,
          scopes: scopesArg(opts.get('scopes')),
        });
        print(`client_id: ${clientId}`);
        print(`client_secret: ${secret}   (shown once)`);
        break;
      }
      case 'create-hmac-key': {
        const userId = userOf();
        const apiKey = randomHexId(12);
        const secret = randomSecret();
        createHmacKey(db, { apiKey, secret, userId, scopes: scopesArg(opts.get('scopes')) });
        print(`api_key: ${apiKey}`);
        print(`api_secret: ${secret}   (shown once)`);
        break;
      }
      default:
        throw new UsageError(`unknown admin command ${command ?? '(none)'}`);
    }
  } finally {
    db.close();
  }
}
