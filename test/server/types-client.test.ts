// The main thread's side of the language service, with its real thread (dist/language-service.js, from
// `npm run build`): typed answers for the cells it was given, none past the wait, and a fresh start after a reset.
import { expect } from 'chai';
import { TypesClient } from '../../src/server/types-client';

describe('server/types-client', function () {
  // The first answer reads the declarations of TensorFlow.js and the Keras API.
  this.timeout(60000);

  it('answers from the cells that ran, gives up after the wait, and forgets the cells on a reset', async () => {
    const client = new TypesClient(process.cwd());
    client.cellRan('function f(): number[] { return [1]; }');
    const typed = await client.ask('complete', { code: 'f().ma', cursor: 6, live: [] }, 30000);
    expect(typed?.items.map((item) => item.name)).to.deep.equal(['map']);
    // Requests queued behind a slow one are skipped once their asker has stopped waiting.
    const impatient = await Promise.all([1, 2, 3].map(() => client.ask('complete', { code: 'const t = tf.zeros([1]);\nt.resh', cursor: 31, live: [] }, 0)));
    expect(impatient).to.deep.equal([null, null, null]);
    client.reset();
    const after = await client.ask('complete', { code: 'f().ma', cursor: 6, live: [] }, 30000);
    expect(after?.items.map((item) => item.name) ?? []).not.to.include('map');
    client.reset();
  });
});
