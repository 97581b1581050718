// History is best effort: a kernel starts and runs whatever its history file is (on a full disk, in a read-only
// folder, full of lines that are not records), says once why it is not saving, and keeps the session's history in
// memory. Kernels started at once number their sessions apart; a pathological search pattern answers at once; the
// file is created private.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { globMatcher } from '../../src/server/history/glob';
import { HistoryStore } from '../../src/server/history/history';
import { readOnlyFolder } from './helpers';
import { resultText, startKernel, TestKernelClient, withKernel } from '../helpers/kernel';

const NOT_SAVED = /history is not saved to /g;

const freshDir = (name: string): string => mkdtempSync(join(tmpdir(), `tsdl-${name}-`));

async function history(kernel: TestKernelClient, request: Record<string, unknown>): Promise<unknown[]> {
  const reply = await kernel.request('shell', 'history_request', { output: false, raw: true, ...request }, 10000);
  expect(reply.content.status).to.equal('ok');
  return reply.content.history as unknown[];
}

/** Runs two cells, the second using the first's variable, and returns this session's history as the kernel has it. */
async function runsWithHistory(kernel: TestKernelClient): Promise<unknown[]> {
  expect((await kernel.execute('const v = 6')).reply.content.status).to.equal('ok');
  expect(resultText(await kernel.execute('v * 7'))).to.equal('42');
  return history(kernel, { hist_access_type: 'range', session: 0, output: true });
}

describe('reliability: history is best effort', function () {
  this.timeout(60000);

  it('runs with its history file on a full disk, says why once, and keeps the session in memory', async () => {
    const dir = freshDir('history-full');
    symlinkSync('/dev/full', join(dir, 'history.jsonl'));
    const deviceMode = statSync('/dev/full').mode;
    await withKernel({ env: { TSDL_HISTORY_DIR: dir } }, async (kernel) => {
      const entries = await runsWithHistory(kernel);
      const session = (entries[0] as [number])[0];
      expect(session).to.be.a('number').and.at.least(1);
      expect(entries).to.deep.equal([[session, 1, ['const v = 6', null]], [session, 2, ['v * 7', '42']]]);
      expect(kernel.stderr).to.match(/history is not saved to \S+history\.jsonl: ENOSPC: no space left on device/);
      expect(kernel.stderr.match(NOT_SAVED)).to.have.length(1);
      expect(statSync('/dev/full').mode, 'the device keeps its mode').to.equal(deviceMode);
    });
  });

  it('runs on when its history file cannot grow any more mid-session, and says why once', async function () {
    const dir = freshDir('history-fills');
    await withKernel({ env: { TSDL_HISTORY_DIR: dir } }, async (kernel) => {
      expect((await kernel.execute('let total = 0')).reply.content.status).to.equal('ok');
      // A file size limit on the running kernel: its writes past it fail (EFBIG), as on a disk that fills up.
      const file = join(dir, 'history.jsonl');
      const limit = spawnSync('prlimit', ['--pid', String(kernel.process.pid), `--fsize=${statSync(file).size + 300}`]);
      // prlimit comes with util-linux, which every Debian and Ubuntu system has.
      expect(limit.status, `prlimit: ${limit.error ?? limit.stderr}`).to.equal(0);
      const cell = (i: number) => `total += ${i}; // ${'x'.repeat(100)}`;
      for (let i = 1; i <= 6; i++) expect((await kernel.execute(cell(i))).reply.content.status).to.equal('ok');
      expect(resultText(await kernel.execute('total'))).to.equal('21');
      expect(kernel.stderr).to.match(/history is not saved to \S+history\.jsonl: EFBIG: file too large, write/);
      expect(kernel.stderr.match(NOT_SAVED)).to.have.length(1);
      const inMemory = (await history(kernel, { hist_access_type: 'range', session: 0 })) as [number, number, string][];
      expect(inMemory.map(([, , input]) => input)).to.deep.equal(['let total = 0', ...[1, 2, 3, 4, 5, 6].map(cell), 'total']);
      // What reached the file before it was full reads back, a torn last record and all.
      const saved = (await HistoryStore.open(dir)).tail(20).map(([, , input]) => input);
      expect(saved.length).to.be.within(1, 3);
      expect(saved).to.deep.equal(inMemory.slice(0, saved.length).map(([, , input]) => input));
    });
  });

  it('runs when its history folder cannot be created in a read-only folder, and says why once', async () => {
    const dir = join(readOnlyFolder(), 'tsdl-history', 'nested');
    await withKernel({ env: { TSDL_HISTORY_DIR: dir } }, async (kernel) => {
      expect(await runsWithHistory(kernel)).to.have.length(2);
      expect(kernel.stderr).to.match(/history is not saved to \S+: (EACCES: permission denied|EPERM: operation not permitted), mkdir '\//);
      expect(kernel.stderr.match(NOT_SAVED)).to.have.length(1);
    });
  });

  it('skips lines that are not records, numbering new sessions after the valid ones', async () => {
    const dir = freshDir('history-junk');
    const junk = ['null', '7', '[]', '"text"', '{"session":"x","started":"then"}', '{"session":"9","line":1,"input":"no"}', '{"session":2,"line":1,"input":"old"}', '{"sess'];
    writeFileSync(join(dir, 'history.jsonl'), `${junk.join('\n')}\n`);
    for (const session of [3, 4]) {
      await withKernel({ env: { TSDL_HISTORY_DIR: dir } }, async (kernel) => {
        expect((await kernel.execute(`const s = ${session}`)).reply.content.status).to.equal('ok');
        expect(resultText(await kernel.execute('s'))).to.equal(String(session));
        const tail = await history(kernel, { hist_access_type: 'tail', n: 3 });
        expect(tail.slice(-2)).to.deep.equal([[session, 1, `const s = ${session}`], [session, 2, 's']]);
        expect(tail[0]).to.deep.equal(session === 3 ? [2, 1, 'old'] : [3, 2, 's']);
        expect(kernel.stderr).not.to.match(NOT_SAVED);
      });
    }
  });

  it('numbers apart sessions whose stores all read the file before any of them started', async () => {
    const dir = freshDir('history-race');
    const stores = await Promise.all([0, 1, 2, 3].map(() => HistoryStore.open(dir)));
    const sessions = stores.map((store) => store.startSession());
    expect([...sessions].sort()).to.deep.equal([1, 2, 3, 4]);
    stores.forEach((store, i) => store.append(sessions[i], 1, `store ${i}`));
    const reader = await HistoryStore.open(dir);
    stores.forEach((_, i) => expect(reader.range(sessions[i])).to.deep.equal([[sessions[i], 1, `store ${i}`]]));
  });

  it('gives four kernels started at once on one history file four sessions', async () => {
    const dir = freshDir('history-four');
    const kernels = await Promise.all([0, 1, 2, 3].map(() => startKernel({ env: { TSDL_HISTORY_DIR: dir } })));
    try {
      const sessions: number[] = [];
      for (const [i, kernel] of kernels.entries()) {
        expect((await kernel.execute(`const which = ${i}`)).reply.content.status).to.equal('ok');
        const [[session, line, input]] = (await history(kernel, { hist_access_type: 'range', session: 0 })) as [number, number, string][];
        expect([line, input]).to.deep.equal([1, `const which = ${i}`]);
        expect(resultText(await kernel.execute('which'))).to.equal(String(i));
        sessions.push(session);
      }
      expect([...sessions].sort()).to.deep.equal([1, 2, 3, 4]);
      const reader = await HistoryStore.open(dir);
      sessions.forEach((session, i) => expect(reader.range(session, 1, 2)).to.deep.equal([[session, 1, `const which = ${i}`]]));
    } finally {
      await Promise.all(kernels.map((kernel) => kernel.shutdown()));
    }
  });

  it('searches a long line with a pathological pattern at once, its heartbeat answering', async () => {
    await withKernel({ env: { TSDL_HISTORY_DIR: freshDir('history-glob') } }, async (kernel) => {
      const long = `// ${'a'.repeat(100000)}`;
      expect((await kernel.execute(`const before = 1;\n${long}`)).reply.content.status).to.equal('ok');
      const search = history(kernel, { hist_access_type: 'search', pattern: '*a*a*a*a*a*a*a*a*b' });
      expect(await kernel.heartbeat(5000)).to.be.a('number');
      expect(await search).to.deep.equal([]);
      const found = (await history(kernel, { hist_access_type: 'search', pattern: '*a*a*a*a*a*a*a*a*' })) as [number, number, string][];
      expect(found.map(([, line]) => line)).to.deep.equal([1]);
      expect(resultText(await kernel.execute('before + 1'))).to.equal('2');
    });
  });

  it('matches globs as SQLite does', () => {
    const cases: [string, string, boolean][] = [
      ['a*b', 'a\nxx\nb', true],
      ['a*b', 'a\nxx\nbc', false],
      ['a?c', 'abc', true],
      ['a?c', 'a😀c', true],
      ['[a-c]x', 'bx', true],
      ['[a-c]x', 'dx', false],
      ['[^a-c]x', 'dx', true],
      ['[]]', ']', true],
      ['[^]]', ']', false],
      ['[a-]', '-', true],
      ['a[', 'a[', true],
      ['**a', 'ba', true],
      ['*a*a*b', 'aaab', true],
      ['*a*a*b', 'ab', false],
      ['', '', true],
      ['*', '', true],
    ];
    for (const [pattern, text, expected] of cases) expect(globMatcher(pattern)(text), `${pattern} on ${JSON.stringify(text)}`).to.equal(expected);
  });

  it('creates its history file private, in a private folder, and makes an older readable one private', async () => {
    const dir = join(freshDir('history-private'), 'data', 'tsdl');
    (await HistoryStore.open(dir)).startSession();
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
    expect(statSync(join(dir, '..')).mode & 0o777, 'the folders it made').to.equal(0o700);
    expect(statSync(join(dir, 'history.jsonl')).mode & 0o777).to.equal(0o600);

    const older = freshDir('history-older');
    writeFileSync(join(older, 'history.jsonl'), '{"session":1,"line":1,"input":"secret"}\n', { mode: 0o644 });
    chmodSync(join(older, 'history.jsonl'), 0o644);
    expect((await HistoryStore.open(older)).tail(1)).to.deep.equal([[1, 1, 'secret']]);
    expect(statSync(join(older, 'history.jsonl')).mode & 0o777).to.equal(0o600);
  });
});
