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

/** The command lines of this process's children. */
function childCommands(): string[] {
  const commands: string[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(')').pop()!.trim().split(' ')[1]);
      if (ppid === process.pid) commands.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // ended meanwhile
    }
  }
  return commands;
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
