// The language service's thread: TypeScript runs here, so a slow first request never holds the sockets or the cells.
// It answers one request at a time; the cells that ran come before the request that needs them.
import { join } from 'path';
import * as ts from 'typescript-5';
import { parentPort, workerData } from 'worker_threads';
import { packageRoot } from '../shared/package-root';
import type { FromTypes, ToTypes, TypesCalls, TypesRequestType } from './protocol';
import { NotebookService } from './service';

const { cwd } = workerData as { cwd: string };
const service = new NotebookService(ts, join(packageRoot(), 'dist', 'types'), packageRoot(), cwd);

function answer(message: Exclude<ToTypes, { type: 'cells' }>): TypesCalls[TypesRequestType]['answer'] {
  switch (message.type) {
    case 'complete':
      return service.complete(message.code, message.cursor, new Set(message.live));
    case 'inspect':
      return service.inspect(message.code, message.cursor, message.detail);
  }
}

parentPort!.on('message', (message: ToTypes) => {
  if (message.type === 'cells') {
    service.cellsRan(message.codes);
    return;
  }
  let reply: FromTypes;
  try {
    // Requests that waited behind a slow one past their asker's patience (Tab pressed again and again) are skipped.
    reply = { type: 'answer', id: message.id, answer: Date.now() > message.until ? null : answer(message) };
  } catch (error) {
    // A TypeScript failure on one request costs that request its typed half, nothing more.
    process.stderr.write(`[tsdl] the language service failed on ${message.type}: ${(error as Error).stack ?? error}\n`);
    reply = { type: 'answer', id: message.id, answer: null };
  }
  parentPort!.postMessage(reply);
  // After the answer, not before: the first request after many cells need not wait for this.
  setImmediate(() => {
    try {
      service.freeze();
    } catch (error) {
      process.stderr.write(`[tsdl] the language service failed to read the cells' types: ${(error as Error).stack ?? error}\n`);
    }
  });
});
