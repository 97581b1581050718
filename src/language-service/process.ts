// The language service's process: TypeScript runs here, apart from the kernel, so a slow request never holds the
// sockets or the cells. scripts/build.js builds it into a V8 startup snapshot with the declarations of TensorFlow.js
// and the Keras API already parsed and bound, so a process started from the snapshot answers its first request soon
// after it starts; started from this script instead, it reads them first. It answers one request at a time; the
// cells that ran come before the request that needs them.
import { existsSync } from 'fs';
import { dirname, join } from 'path';
import * as ts from 'typescript-5';
import { startupSnapshot } from 'v8';
import { packageRoot } from '../shared/package-root';
import type { FromTypes, ToTypes, TypesCalls, TypesRequestType } from './protocol';
import { NotebookService } from './service';

/** TypeScript's `lib.*.d.ts` files: in the typescript-5 package, which this bundle carries the code of. */
function typescriptLibDir(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    const lib = join(dir, 'node_modules', 'typescript-5', 'lib');
    if (existsSync(lib)) return lib;
    if (dirname(dir) === dir) throw new Error('cannot find the typescript-5 package');
  }
}

const root = packageRoot();
const service = new NotebookService(ts, join(root, 'dist', 'types'), root, typescriptLibDir(root));
service.prepare();

function answer(message: Exclude<ToTypes, { type: 'cells' }>): TypesCalls[TypesRequestType]['answer'] {
  switch (message.type) {
    case 'complete':
      return service.complete(message.code, message.cursor, new Set(message.live));
    case 'inspect':
      return service.inspect(message.code, message.cursor, message.detail);
  }
}

function serve(): void {
  // The kernel starts this process in the notebook's folder.
  service.cwd = process.cwd();
  // A first completion does most of the work any later one needs (the checker's view of the libraries, the code it
  // runs compiled): done now, while the kernel only expects the service, rather than in a user's first Tab.
  const warmUp = 'tf.zeros([1]).res';
  service.complete(warmUp, warmUp.length);
  // Nothing else keeps this process: when the kernel is gone, even killed, the channel closes and the process ends.
  process.on('message', (message: ToTypes) => {
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
    // With a callback, a kernel that is gone by now (killed mid-request) costs this answer, not an EPIPE crash with
    // its stack on the kernel's stderr; the closed channel then ends this process.
    process.send!(reply, undefined, undefined, () => undefined);
    // After the answer, not before: the first request after many cells need not wait for this.
    setImmediate(() => {
      try {
        service.freeze();
      } catch (error) {
        process.stderr.write(`[tsdl] the language service failed to read the cells' types: ${(error as Error).stack ?? error}\n`);
      }
    });
  });
}

if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(serve);
else serve();
