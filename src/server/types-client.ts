// The main thread's side of the language service (src/language-service): started by the first completion or
// inspection that asks for it, fed the cells that ran, and never waited on longer than the caller allows. When it is
// slow or gone, the caller answers with the runtime's half alone.
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { FromTypes, ToTypes, TypesCalls, TypesRequestType } from '../language-service/protocol';
import { packageRoot } from '../shared/package-root';

/** The cells kept for a restarted service to read again (it keeps fewer: the declaring ones), and their size. */
const KEPT_CELLS = 2000;
const KEPT_CHARS = 8_000_000;
/** TypeScript's own heap, bounded: past it the thread ends and the next request starts a fresh one. */
const HEAP_LIMIT_MB = 1024;

/** What the dispatcher needs of the language service (a fake stands in for it in its unit tests). */
export interface TypesService {
  cellRan(code: string): void;
  /** The typed answer, or null if there is none within `waitMs`. */
  ask<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], waitMs: number): Promise<TypesCalls[T]['answer'] | null>;
  /** Every variable is gone (the executor restarted): so are the cells. */
  reset(): void;
}

export class TypesClient implements TypesService {
  private worker: Worker | null = null;
  private readonly cells: string[] = [];
  private keptChars = 0;
  private serial = 0;
  private readonly waiting = new Map<number, (answer: TypesCalls[TypesRequestType]['answer'] | null) => void>();

  constructor(private readonly cwd: string) {}

  cellRan(code: string): void {
    this.cells.push(code);
    this.keptChars += code.length;
    while (this.cells.length > KEPT_CELLS || (this.keptChars > KEPT_CHARS && this.cells.length > 1)) this.keptChars -= this.cells.shift()!.length;
    this.post({ type: 'cells', codes: [code] });
  }

  ask<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], waitMs: number): Promise<TypesCalls[T]['answer'] | null> {
    const worker = this.worker ?? this.start();
    const id = ++this.serial;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, null), waitMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer as TypesCalls[T]['answer'] | null);
      });
      worker.postMessage({ type, id, until: Date.now() + waitMs, ...ask } as ToTypes);
    });
  }

  reset(): void {
    this.cells.length = 0;
    this.keptChars = 0;
    void this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const worker = new Worker(join(packageRoot(), 'dist', 'language-service.js'), {
      workerData: { cwd: this.cwd },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    // Never what keeps the kernel's process alive.
    worker.unref();
    worker.on('message', (message: FromTypes) => this.settle(message.id, message.answer));
    worker.on('error', (error) => process.stderr.write(`[tsdl] the language service stopped: ${error.message}\n`));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const id of [...this.waiting.keys()]) this.settle(id, null);
    });
    this.worker = worker;
    worker.postMessage({ type: 'cells', codes: this.cells } satisfies ToTypes);
    return worker;
  }

  private post(message: ToTypes): void {
    this.worker?.postMessage(message);
  }

  private settle(id: number, answer: TypesCalls[TypesRequestType]['answer'] | null): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(answer);
  }
}
