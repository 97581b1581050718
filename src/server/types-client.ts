// The kernel's side of the language service (src/language-service): a process started by the first completion or
// inspection that asks for it, fed the cells that ran, and never waited on longer than the caller allows. When it is
// slow or gone, the caller answers with the runtime's half alone.
import { ChildProcess, spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import type { FromTypes, ToTypes, TypesCalls, TypesRequestType } from '../language-service/protocol';
import { packageRoot } from '../shared/package-root';
import { LANGUAGE_SERVICE_FLAGS, languageServiceSnapshot } from '../shared/language-service-snapshot';

/** The cells kept for a restarted service to read again (it keeps fewer: the declaring ones), and their size. */
const KEPT_CELLS = 2000;
const KEPT_CHARS = 8_000_000;
/** Cells that ran are sent to a running service with its next request, or once this many are waiting. */
const SENT_TOGETHER = 200;

/** What the dispatcher needs of the language service (a fake stands in for it in its unit tests). */
export interface TypesService {
  cellRan(code: string): void;
  /** Starts the service if it is not running, so that it reads the declarations while the runtime answers. */
  prepare(): void;
  /** The typed answer, or null if there is none within `waitMs`. */
  ask<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], waitMs: number): Promise<TypesCalls[T]['answer'] | null>;
  /** Every variable is gone (the executor restarted): so are the cells. */
  reset(): void;
}

export class TypesClient implements TypesService {
  private child: ChildProcess | null = null;
  /** False once a process started from the snapshot ended before answering: this Node.js cannot start it. */
  private snapshotWorks = true;
  private readonly cells: string[] = [];
  private keptChars = 0;
  /**
   * Cells that ran since the running service was last sent any. It reads cells only when asked something, so they
   * wait for that request: sending each as it runs would wake its process once a cell, beside the cell's own work.
   */
  private unsent: string[] = [];
  private serial = 0;
  private readonly waiting = new Map<number, (answer: TypesCalls[TypesRequestType]['answer'] | null) => void>();

  /** `snapshot`: the language service's startup snapshot, started in place of its script if it is there. */
  constructor(
    private readonly cwd: string,
    private readonly snapshot: string = languageServiceSnapshot(packageRoot()),
  ) {}

  cellRan(code: string): void {
    this.cells.push(code);
    this.keptChars += code.length;
    while (this.cells.length > KEPT_CELLS || (this.keptChars > KEPT_CHARS && this.cells.length > 1)) this.keptChars -= this.cells.shift()!.length;
    if (!this.child) return;
    this.unsent.push(code);
    if (this.unsent.length >= SENT_TOGETHER) this.sendCells();
  }

  prepare(): void {
    if (!this.child) this.start();
  }

  ask<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], waitMs: number): Promise<TypesCalls[T]['answer'] | null> {
    this.prepare();
    this.sendCells();
    const id = ++this.serial;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, null), waitMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer as TypesCalls[T]['answer'] | null);
      });
      this.post({ type, id, until: Date.now() + waitMs, ...ask } as ToTypes);
    });
  }

  reset(): void {
    this.cells.length = 0;
    this.keptChars = 0;
    this.unsent = [];
    this.child?.kill();
    this.child = null;
  }

  private start(): void {
    const fromSnapshot = this.snapshotWorks && existsSync(this.snapshot);
    const entry = fromSnapshot ? ['--snapshot-blob', this.snapshot] : [join(packageRoot(), 'dist', 'language-service.js')];
    const child = spawn(process.execPath, [...LANGUAGE_SERVICE_FLAGS, ...entry], {
      cwd: this.cwd,
      // Its own process group: an interrupt of the kernel's group (Jupyter's stop button) is not for TypeScript.
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    // Never what keeps the kernel's process alive.
    child.unref();
    child.channel?.unref();
    let answered = false;
    child.on('message', (message: FromTypes) => {
      answered = true;
      this.settle(message.id, message.answer);
    });
    const ended = (): void => {
      if (this.child !== child) return;
      if (fromSnapshot && !answered) this.snapshotWorks = false;
      this.child = null;
      for (const id of [...this.waiting.keys()]) this.settle(id, null);
    };
    child.on('error', (error) => {
      process.stderr.write(`[tsdl] the language service stopped: ${error.message}\n`);
      ended();
    });
    child.on('exit', ended);
    this.child = child;
    this.unsent = [];
    this.post({ type: 'cells', codes: this.cells });
  }

  private sendCells(): void {
    if (this.unsent.length === 0) return;
    this.post({ type: 'cells', codes: this.unsent });
    this.unsent = [];
  }

  private post(message: ToTypes): void {
    if (this.child?.connected) this.child.send(message);
  }

  private settle(id: number, answer: TypesCalls[TypesRequestType]['answer'] | null): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(answer);
  }
}
