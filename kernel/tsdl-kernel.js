#!/usr/bin/env node
// The entry that kernel.json launches: `node kernel/tsdl-kernel.js {connection_file}`.
require('../dist/kernel.js').main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`tsdl kernel failed to start: ${error.stack || error}\n`);
  process.exit(1);
});
