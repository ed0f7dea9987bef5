import { runAdminCommand } from './cli/admin-command';
import { parseServerArgs, SERVER_USAGE, UsageError } from './cli/parse-server-args';
import { describeDevCredentials } from './seed/dev-seed';
import { startServer } from './start-server';

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SERVER_USAGE);
    return;
  }
  if (argv[0] === 'admin') {
    runAdminCommand(argv.slice(1));
    return;
  }
  const server = await startServer(parseServerArgs(argv));
  const { config } = server.ctx;
  if (config.dev) console.log(describeDevCredentials(server.url));
  else console.log('Production mode: no demo credentials (start with --dev for them; loopback only).');
  for (const notice of server.notices) console.log(notice);
  if (config.testFaults) console.log('Test fault injection enabled under /__test/ (never use in production).');
  console.log(`Data dir: ${config.dataDir}`);
  console.log(`VocaliD server listening on ${server.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${SERVER_USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
