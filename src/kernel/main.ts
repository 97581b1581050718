// Starts the kernel: read the connection file, bind the channels, serve until shutdown, then close every socket.
import { join } from 'path';
import { keepCompilerOutOfSignalGroup } from '../interpreter/compile/compile-service';
import { HistoryStore, jupyterDataDir } from '../server/history/history';
import { connectionFileWarning, readConnectionFile } from '../protocol/connection';
import { KernelServer } from '../server/kernel-server';
import { packageRoot } from '../shared/package-root';

export async function main(argv: string[]): Promise<void> {
  const file = argv.find((arg) => !arg.startsWith('-'));
  if (!file) {
    process.stderr.write('usage: tsdl-kernel CONNECTION_FILE\n');
    process.exit(2);
  }
  keepCompilerOutOfSignalGroup(packageRoot());
  const connection = readConnectionFile(file);
  const warning = connectionFileWarning(file);
  if (warning) process.stderr.write(`[tsdl] ${warning}\n`);
  const server = new KernelServer({
    connection,
    openHistory: () => HistoryStore.open(process.env.TSDL_HISTORY_DIR ?? join(jupyterDataDir(), 'tsdl')),
  });
  // interrupt_mode "signal": Jupyter sends SIGINT. The main thread never runs user code, so this always runs.
  process.on('SIGINT', () => server.interrupt());
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  // Like ipykernel's parent poller: when the client that launched us dies without a shutdown_request (a killed
  // `jupyter console`, a crashed notebook server), we are re-parented, and stop instead of lingering.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void server.close().then(() => process.exit(0));
  }, 1000).unref();
  await server.start();
  await server.done;
  await server.close();
  process.exit(0);
}
