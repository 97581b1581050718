// Loaded by .mocharc before every test: kernels started by tests keep their history in a temporary folder, never
// in the user's Jupyter data dir.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.TSDL_HISTORY_DIR ??= mkdtempSync(join(tmpdir(), 'tsdl-test-history-'));
