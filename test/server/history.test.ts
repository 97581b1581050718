import { expect } from 'chai';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { globMatcher } from '../../src/server/history/glob';
import { HistoryStore, jupyterDataDir } from '../../src/server/history/history';

describe('server/history', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-history-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('numbers sessions across restarts and keeps their inputs', async () => {
    const first = await HistoryStore.open(dir);
    expect(first.startSession()).to.equal(1);
    first.append(1, 1, 'const a = 1');
    first.append(1, 2, 'a + 1');
    const second = await HistoryStore.open(dir);
    expect(second.startSession()).to.equal(2);
    second.append(2, 1, 'a');
    expect(second.tail(10)).to.deep.equal([
      [1, 1, 'const a = 1'],
      [1, 2, 'a + 1'],
      [2, 1, 'a'],
    ]);
    expect(second.tail(2)).to.deep.equal([
      [1, 2, 'a + 1'],
      [2, 1, 'a'],
    ]);
  });

  it('answers range for a session, relative sessions included, with stop excluded', async () => {
    const store = await HistoryStore.open(dir);
    store.startSession();
    for (let line = 1; line <= 4; line++) store.append(1, line, `x${line}`);
    store.startSession();
    store.append(2, 1, 'y1');
    expect(store.range(0)).to.deep.equal([[2, 1, 'y1']]);
    expect(store.range(-1, 2, 4)).to.deep.equal([
      [1, 2, 'x2'],
      [1, 3, 'x3'],
    ]);
    expect(store.range(1, 4)).to.deep.equal([[1, 4, 'x4']]);
  });

  it('searches with SQLite GLOB semantics, latest n, unique keeping the latest', async () => {
    const store = await HistoryStore.open(dir);
    store.startSession();
    ['model.fit(x)', 'print(1)', 'model.fit(y)', 'model.fit(x)', 'Model'].forEach((input, i) => store.append(1, i + 1, input));
    expect(store.search('model*').map((entry) => entry[2])).to.deep.equal(['model.fit(x)', 'model.fit(y)', 'model.fit(x)']);
    expect(store.search('*fit(?)', { unique: true })).to.deep.equal([
      [1, 3, 'model.fit(y)'],
      [1, 4, 'model.fit(x)'],
    ]);
    expect(store.search('*', { n: 2 }).map((entry) => entry[1])).to.deep.equal([4, 5]);
    expect(store.search('[A-Z]*').map((entry) => entry[2])).to.deep.equal(['Model']);
    expect(store.search('[^m]*').map((entry) => entry[2])).to.deep.equal(['print(1)', 'Model']);
    expect(store.search('fit')).to.deep.equal([]);
  });

  it('matches glob patterns over whole multi-line inputs', () => {
    expect(globMatcher('a*b')('a\nxx\nb')).to.equal(true);
    expect(globMatcher('a.b')('axb')).to.equal(false);
    expect(globMatcher('a[')('a[')).to.equal(true);
  });

  it('skips a record torn by a kill and keeps appending after it', async () => {
    const store = await HistoryStore.open(dir);
    store.startSession();
    store.append(1, 1, 'kept');
    appendFileSync(join(dir, 'history.jsonl'), '{"session":1,"line":2,"inp');
    const reopened = await HistoryStore.open(dir);
    expect(reopened.startSession()).to.equal(2);
    reopened.append(2, 1, 'after');
    expect((await HistoryStore.open(dir)).tail(10)).to.deep.equal([
      [1, 1, 'kept'],
      [2, 1, 'after'],
    ]);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean)).to.have.length(5);
  });

  it('reads a long file over several turns of the event loop, every record kept', async () => {
    const file = join(dir, 'history.jsonl');
    const records = Array.from({ length: 12000 }, (_, i) => `{"session":1,"line":${i + 1},"input":"x${i + 1}"}\n`);
    writeFileSync(file, records.join(''));
    let turns = 0;
    let opened = false;
    const count = (): void => {
      turns += 1;
      if (!opened) setImmediate(count);
    };
    setImmediate(count);
    const store = await HistoryStore.open(dir);
    opened = true;
    expect(store.tail(2)).to.deep.equal([
      [1, 11999, 'x11999'],
      [1, 12000, 'x12000'],
    ]);
    expect(store.range(1)).to.have.length(12000);
    expect(store.startSession()).to.equal(2);
    // Three slices of lines, each on a turn of its own: other work ran in between.
    expect(turns).to.be.at.least(3);
  });

  it('finds the Jupyter data dir as jupyter_core does', () => {
    expect(jupyterDataDir({ JUPYTER_DATA_DIR: '/x' }, 'linux')).to.equal('/x');
    expect(jupyterDataDir({ HOME: '/h' }, 'linux')).to.equal('/h/.local/share/jupyter');
    expect(jupyterDataDir({ HOME: '/h', XDG_DATA_HOME: '/xdg' }, 'linux')).to.equal('/xdg/jupyter');
    expect(jupyterDataDir({ HOME: '/h' }, 'darwin')).to.equal('/h/Library/Jupyter');
    expect(jupyterDataDir({ HOME: '/h', APPDATA: 'C:/AppData' }, 'win32')).to.equal(join('C:/AppData', 'jupyter'));
  });
});
