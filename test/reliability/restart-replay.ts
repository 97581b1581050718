// A request captured from one kernel and sent again to the next one, started on the same connection file (same
// ports, same key) as jupyter_client restarts a kernel.
import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { makeConnection } from '../../src/client/kernel-client';
import type { Header } from '../../src/protocol/messages';
import { parseIsoDate } from '../../src/protocol/replay-guard';
import { expectAnswering, sleep } from './helpers';
import { withKernel } from '../helpers/kernel';

/** execute_request content that shows nothing and leaves no history. */
export const QUIETLY = { silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false };

/** The clock skew a kernel allows when TSDL_CLOCK_SKEW_S is unset. */
const DEFAULT_SKEW_S = 60;

/**
 * Runs a request that appends to a file, restarts the kernel, waits until the request is older than the new kernel by
 * more than the clock skew it allows (`skewS` as TSDL_CLOCK_SKEW_S; none: the default), sends the request again, and
 * checks that it did not run, that the kernel said why, and that the kernel answers.
 */
export async function expectNoReplayAcrossRestart(skewS?: number): Promise<void> {
  const connection = await makeConnection();
  const env = skewS === undefined ? {} : { TSDL_CLOCK_SKEW_S: String(skewS) };
  const marker = join(mkdtempSync(join(tmpdir(), 'tsdl-replay-')), 'ran');
  const captured = await withKernel({ connection, env }, async (first) => {
    const frames = first.frames('execute_request', { code: `require('fs').appendFileSync(${JSON.stringify(marker)}, 'ran\\n')`, ...QUIETLY });
    await first.sendRaw('shell', frames);
    await first.execute('0'); // shell requests run in turn: the captured one has run
    expect(readFileSync(marker, 'utf8')).to.equal('ran\n');
    const reply = await first.request('control', 'shutdown_request', { restart: true }, 10000);
    expect(reply.content.restart).to.equal(true);
    return frames;
  });
  const dated = parseIsoDate((JSON.parse(String(captured[2])) as Header).date);
  while (Date.now() < dated + ((skewS ?? DEFAULT_SKEW_S) + 0.5) * 1000) await sleep(100);

  await withKernel({ connection, env }, async (second) => {
    await second.execute('const before = 41');
    await second.sendRaw('shell', captured);
    await expectAnswering(second, 'before + 1', '42');
    expect(readFileSync(marker, 'utf8')).to.equal('ran\n');
    expect(second.stderr).to.match(/dropped a message on shell: dated \S+, before this kernel started/);
  });
}
