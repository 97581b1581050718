import { expect } from 'chai';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { runGlobalScript } from '../../src/interpreter/runtime/global-script';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('interpreter/global-script', () => {
  it('runs code as a global script: its var is a global, its value the completion value', () => {
    expect(runGlobalScript('var gsDeclared = 41; gsDeclared + 1', 'tsdl-cell-gs1.js')).to.equal(42);
    expect((globalThis as Record<string, unknown>).gsDeclared).to.equal(41);
  });

  it("names its frames by the filename given, at the code's own lines", () => {
    let sites: NodeJS.CallSite[] = [];
    const previous = Error.prepareStackTrace;
    Error.prepareStackTrace = (_error, callSites) => (sites = callSites);
    try {
      runGlobalScript('1;\nfunction gsThrows() {\n  throw new Error("x");\n}\ngsThrows()', 'tsdl-cell-gs2.js');
    } catch (error) {
      void (error as Error).stack;
    } finally {
      Error.prepareStackTrace = previous;
    }
    const [frame] = sites;
    const where = [frame.getScriptNameOrSourceURL(), frame.getLineNumber(), frame.getColumnNumber(), frame.getFunctionName()];
    expect(where).to.deep.equal(['tsdl-cell-gs2.js', 3, 9, 'gsThrows']);
  });

  it('keeps nothing of a script once it has run (vm.Script kept about 1 KB of each in Node 20)', () => {
    const heapAfter = (scripts: number): number => {
      for (let i = 0; i < scripts; i++) runGlobalScript(`(async () => ({ value: ${i} }))()`, `tsdl-cell-gs-${i}.js`);
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const before = heapAfter(500);
    const growth = heapAfter(5000) - before;
    expect(growth, 'heap growth over 5,000 scripts (bytes)').to.be.below(1_000_000);
  });
});
