// Helpers for the rich-output tests: a kernel whose every cell is checked to send nothing after its `idle`, and
// views of display messages.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Header, Message } from '../../src/protocol/messages';
import { type ExecuteOutcome, startKernel, TestKernelClient } from '../helpers/kernel';

export type Bundle = Record<string, unknown>;

export interface Output {
  type: string;
  displayId: string | undefined;
  data: Bundle;
}

export const VEGALITE = 'application/vnd.vegalite.v5+json';

export function outputsOf(outcome: ExecuteOutcome): Output[] {
  return outcome.outputs.map((m) => ({
    type: m.header.msg_type,
    displayId: (m.content.transient as { display_id?: string } | undefined)?.display_id,
    data: (m.content.data ?? {}) as Bundle,
  }));
}

export function text(output: Output, mime = 'text/plain'): string {
  const value = output.data[mime];
  expect(value, `${mime} in ${Object.keys(output.data).join(', ')}`).to.be.a('string');
  return value as string;
}

/** A kernel for one test file, history kept in a temporary folder. */
export class RichKernel {
  private constructor(readonly client: TestKernelClient) {}

  static async start(): Promise<RichKernel> {
    const history = mkdtempSync(join(tmpdir(), 'tsdl-rich-history-'));
    return new RichKernel(await startKernel({ env: { TSDL_HISTORY_DIR: history } }));
  }

  /** Runs a cell that must succeed; returns its outputs and how long it took. */
  async run(code: string): Promise<{ outcome: ExecuteOutcome; outputs: Output[]; ms: number }> {
    const started = Date.now();
    const outcome = await this.client.execute(code);
    const ms = Date.now() - started;
    const reply = outcome.reply.content;
    expect(reply.status, JSON.stringify(reply)).to.equal('ok');
    return { outcome, outputs: outputsOf(outcome), ms };
  }

  /** Every cell run so far ended with its `idle`: no display or update came after it (waits `settleMs` first). */
  async expectNothingAfterIdle(settleMs = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const byParent = new Map<string, Message[]>();
    for (const message of this.client.allIopub()) {
      // The kernel's own `starting`, published as it binds, belongs to no request (a client sees it only when its
      // subscription was in place by then).
      if (message.header.msg_type === 'status' && message.content.execution_state === 'starting') continue;
      const id = (message.parent_header as Header).msg_id ?? '';
      byParent.set(id, [...(byParent.get(id) ?? []), message]);
    }
    for (const [id, messages] of byParent) {
      const last = messages[messages.length - 1];
      const kind = `${last.header.msg_type}:${String(last.content.execution_state ?? '')}`;
      expect(kind, `last message for request ${id}`).to.equal('status:idle');
    }
  }

  shutdown(): Promise<void> {
    return this.client.shutdown();
  }
}
