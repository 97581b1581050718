// Writes a long tsdl history for the start-up benchmark: CELLS cells (an input and an output record each) in sessions
// of 1,000, as a kernel records them, to DIR/history.jsonl.
//   node bench/kernel/history-file.js DIR CELLS
//   TSDL_HISTORY_DIR=DIR sh bench/kernel/run.sh ...   (every tsdl kernel of the run then starts with that history)
const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');

const [dir, cellsArg] = process.argv.slice(2);
const cells = Number(cellsArg);
if (!dir || !Number.isInteger(cells) || cells < 0) {
  process.stderr.write('usage: node bench/kernel/history-file.js DIR CELLS\n');
  process.exit(2);
}
const lines = [];
for (let done = 0, session = 1; done < cells; session++) {
  lines.push(JSON.stringify({ claim: `bench-${session}`, started: new Date(0).toISOString() }));
  for (let line = 1; line <= 1000 && done < cells; line++, done++) {
    lines.push(JSON.stringify({ session, line, input: `const history = await model.fit(xTrain, yTrain, { epochs: ${line} })` }));
    lines.push(JSON.stringify({ session, line, output: `History { epoch: [0, 1], history: { loss: [0.52, 0.31] } }` }));
  }
}
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'history.jsonl'), lines.length > 0 ? `${lines.join('\n')}\n` : '');
process.stdout.write(`${join(dir, 'history.jsonl')}: ${cells} cells, ${lines.length} lines\n`);
