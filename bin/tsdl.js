#!/usr/bin/env node
require('../dist/cli.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`tsdl: ${error.stack || error}\n`);
    process.exit(1);
  });
