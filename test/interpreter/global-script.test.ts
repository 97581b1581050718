import { expect } from 'chai';
import { setFlagsFromString } from 'v8';
import { Script, runInNewContext } from 'vm';
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

  it('keeps nothing of a script once it has run, where vm.Script keeps about 1 KB of each in Node 20', () => {
    const heapGrowth = (run: (code: string, filename: string) => unknown): number => {
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 10_000; i++) run(`(async () => ({ value: ${i} }))()`, `tsdl-cell-gs-${i}.js`);
      collectGarbage();
      return process.memoryUsage().heapUsed - before;
    };
    // V8's own tables of scripts grow in steps whichever way the scripts run: the baseline is vm.Script's growth.
    const script = heapGrowth((code, filename) => new Script(code, { filename }).runInThisContext());
    const global = heapGrowth(runGlobalScript);
    expect(global, `heap growth over 10,000 scripts: ${global} bytes, against ${script} with vm.Script`).to.be.below(script / 3);
  });
});
