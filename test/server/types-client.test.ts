// The kernel's side of the language service, with its real process (dist/language-service.js and its snapshot, from
// `npm run build`): typed answers for the cells it was given, none past the wait, a fresh start after a reset, and
// the plain script where the snapshot cannot start.
import { expect } from 'chai';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TypesClient } from '../../src/server/types-client';
import { languageServiceSnapshot } from '../../src/shared/language-service-snapshot';
import { packageRoot } from '../../src/shared/package-root';

/** This process's children: their pids and command lines. */
function children(): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(')').pop()!.trim().split(' ')[1]);
      if (ppid === process.pid) found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

function childCommands(): string[] {
  return children().map((child) => child.command);
}

/** How many times process `pid`'s main thread has gone to sleep waiting (for a message, say) and been woken. */
function wakeUps(pid: number): number {
  return Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

describe('server/types-client', function () {
  // Without the snapshot, the first answer reads the declarations of TensorFlow.js and the Keras API.
  this.timeout(60000);
  const complete = (client: TypesClient, waitMs = 30000) => client.ask('complete', { code: 'f().ma', cursor: 6, live: [] }, waitMs);
  const names = (completion: Awaited<ReturnType<typeof complete>>) => completion?.items.map((item) => item.name) ?? [];

  it('answers from the cells that ran, gives up after the wait, and forgets the cells on a reset', async () => {
    const client = new TypesClient(process.cwd());
    client.cellRan('function f(): number[] { return [1]; }');
    expect(names(await complete(client))).to.deep.equal(['map']);
    expect(childCommands().filter((command) => command.includes(languageServiceSnapshot(packageRoot())))).to.have.length(1);
    // Requests queued behind a slow one are skipped once their asker has stopped waiting.
    const impatient = await Promise.all([1, 2, 3].map(() => client.ask('complete', { code: 'const t = tf.zeros([1]);\nt.resh', cursor: 31, live: [] }, 0)));
    expect(impatient).to.deep.equal([null, null, null]);
    client.reset();
    expect(names(await complete(client))).not.to.include('map');
    client.reset();
  });

  it('hands the running service the cells that ran with its next request, not one message a cell', async () => {
    const client = new TypesClient(process.cwd());
    client.cellRan('function g(): string { return "g"; }');
    expect(names(await client.ask('complete', { code: 'g().toUpp', cursor: 9, live: [] }, 30000))).to.deep.equal(['toUpperCase']);
    const [service] = children().filter((child) => child.command.includes(languageServiceSnapshot(packageRoot())));
    // It works on for a while after its first answer (the rest of its warm-up): wait until it is still.
    let before = -1;
    while (before !== wakeUps(service.pid)) {
      before = wakeUps(service.pid);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // Cells a few milliseconds apart, as in a notebook's run: sent one by one, each would wake the service.
    for (let i = 0; i < 150; i++) {
      client.cellRan(`const v${i} = ${i};`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    client.cellRan('function f(): number[] { return [1]; }');
    expect(wakeUps(service.pid) - before).to.be.below(30);
    expect(names(await complete(client))).to.deep.equal(['map']);
    client.reset();
  });

  it('starts the plain script once a snapshot fails to start (one built by another Node.js)', async () => {
    const broken = join(tmpdir(), `tsdl-broken-${process.pid}.blob`);
    writeFileSync(broken, 'not a snapshot');
    const client = new TypesClient(process.cwd(), broken);
    client.cellRan('function f(): number[] { return [1]; }');
    expect(await complete(client)).to.equal(null);
    expect(names(await complete(client))).to.deep.equal(['map']);
    expect(childCommands().filter((command) => command.includes('dist/language-service.js'))).to.have.length(1);
    client.reset();
    rmSync(broken);
  });
});
