// A request captured before a restart on the same connection file, sent again once it is older than the new kernel by
// more than the default clock skew allowed (60 s): it must not run.
import { expectNoReplayAcrossRestart } from '../reliability/restart-replay';

describe('soak: a replay across a restart, with the default clock skew', function () {
  this.timeout(180000);

  it('refuses the captured request in the restarted kernel', async () => {
    await expectNoReplayAcrossRestart();
  });
});
