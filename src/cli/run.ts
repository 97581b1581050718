// `tsdl run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout S]`: executes every code cell through the kernel over ZeroMQ,
// as nbclient does, and writes the outputs. No Python or Jupyter needed.
import { randomUUID } from 'crypto';
import { readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { KernelClient } from '../client/kernel-client';
import { kernelInfo } from '../server/kernel-info';
import { cellSource, OutputCollector, parseNotebook } from './notebook';

export interface RunOptions {
  input: string;
  output?: string;
  timeoutSeconds: number;
  log?: (text: string) => void;
}

export interface RunResult {
  output: string;
  failedCell: number | null;
}

function outputPath(input: string): string {
  return input.replace(/(\.ipynb)?$/, '.out.ipynb');
}

export async function runNotebook(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? ((text: string) => process.stderr.write(text));
  const input = resolve(options.input);
  const output = resolve(options.output ?? outputPath(input));
  const notebook = parseNotebook(readFileSync(input, 'utf8'));
  const info = kernelInfo(null);
  notebook.metadata.kernelspec = { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' };
  notebook.metadata.language_info = { ...info.language_info };
  const client = await KernelClient.start({ cwd: dirname(input) });
  let failedCell: number | null = null;
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code');
  let collector: OutputCollector | null = null;
  try {
    for (const [index, cell] of codeCells.entries()) {
      cell.id ??= randomUUID().slice(0, 8);
      collector = collector ? collector.retarget(cell) : new OutputCollector(cell);
      const started = Date.now();
      log(`[${index + 1}/${codeCells.length}] `);
      const { header, reply } = client.sendRequest('shell', 'execute_request', {
        code: cellSource(cell),
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: true,
      });
      let replyMessage;
      try {
        replyMessage = await withTimeout(reply, options.timeoutSeconds, () => client.request('control', 'interrupt_request', {}));
      } catch (error) {
        failedCell = notebook.cells.indexOf(cell) + 1;
        log(`failed: ${(error as Error).message}\n`);
        break;
      }
      await client.waitIdle(header.msg_id, 10000);
      for (const message of client.iopubFor(header.msg_id)) collector.add(message);
      cell.execution_count = (replyMessage.content.execution_count as number | undefined) ?? null;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (replyMessage.content.status !== 'ok') {
        failedCell = notebook.cells.indexOf(cell) + 1;
        log(`failed (${seconds}s): ${replyMessage.content.ename}: ${replyMessage.content.evalue}\n`);
        break;
      }
      log(`ok (${seconds}s)\n`);
    }
  } finally {
    await client.shutdown();
    // Written atomically: an interrupted run never leaves a half-written notebook.
    const temp = `${output}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(notebook, null, 1) + '\n');
    renameSync(temp, output);
  }
  return { output, failedCell };
}

async function withTimeout<T>(work: Promise<T>, seconds: number, onTimeout: () => unknown): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout();
      reject(new Error(`the cell ran longer than --timeout ${seconds} s`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
