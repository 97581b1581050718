import { expect } from 'chai';
import { createHmac } from 'crypto';
import { endpoint, parseConnectionInfo } from '../../src/protocol/connection';
import { parseIsoDate, ReplayGuard } from '../../src/protocol/replay-guard';
import { Signer } from '../../src/protocol/signing';
import { decode, DELIMITER, encode, makeHeader } from '../../src/protocol/wire';

const KEY = 'a0436f6c-1916-498b-8eb9-e81ab9368e84';

function signedFrames(signer: Signer, content: object, identities: Buffer[] = [Buffer.from('client-1')]): Buffer[] {
  const header = makeHeader('execute_request', 'session-1');
  return encode({ identities, header, parent_header: {}, metadata: {}, content }, signer).map((frame) => Buffer.from(frame));
}

describe('protocol: signing', () => {
  it('signs the four JSON frames with HMAC-SHA256, as jupyter_client does', () => {
    const frames = ['{"a":1}', '{}', '{}', '{"code":"1"}'];
    const expected = createHmac('sha256', KEY).update(frames.join('')).digest('hex');
    expect(new Signer(KEY).sign(frames)).to.equal(expected);
  });

  it('verifies good signatures and rejects altered frames, wrong keys and truncated digests', () => {
    const signer = new Signer(KEY);
    const frames = ['{"a":1}', '{}', '{}', '{"code":"1"}'];
    const signature = signer.sign(frames);
    expect(signer.verify(signature, frames)).to.equal(true);
    expect(signer.verify(signature, ['{"a":2}', '{}', '{}', '{"code":"1"}'])).to.equal(false);
    expect(new Signer('other').verify(signature, frames)).to.equal(false);
    expect(signer.verify(signature.slice(0, 10), frames)).to.equal(false);
    expect(signer.verify('', frames)).to.equal(false);
  });

  it('an empty key disables signing, as the spec says', () => {
    const signer = new Signer('');
    expect(signer.enabled).to.equal(false);
    expect(signer.sign(['{}'])).to.equal('');
    expect(signer.verify('', ['{}'])).to.equal(true);
  });

  it('rejects an unknown signature scheme', () => {
    expect(() => new Signer(KEY, 'hmac-md5')).to.throw(/unsupported signature_scheme/);
  });
});

describe('protocol: replay guard', () => {
  const at = (iso: string, session = 's1') => ({ session, date: iso });

  it('reads header.date as jupyter_client 7 and 8, JupyterLab and older clients write it', () => {
    const utc = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    expect(parseIsoDate('2026-01-02T03:04:05.678901Z')).to.equal(utc); // jupyter_client: microseconds, Z
    expect(parseIsoDate('2026-01-02T03:04:05.678901+00:00')).to.equal(utc);
    expect(parseIsoDate('2026-01-02T05:04:05.678+02:00')).to.equal(utc);
    expect(parseIsoDate('2026-01-02T03:04:05.678Z')).to.equal(utc); // JavaScript's toISOString()
    expect(parseIsoDate('2026-01-02T03:04:05Z')).to.equal(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(parseIsoDate('2026-01-02T03:04:05.678')).to.equal(new Date(2026, 0, 2, 3, 4, 5, 678).getTime()); // no zone: local
    for (const junk of ['', 'yesterday', '2026-01-02', '1767323045678', '2026-01-02T03:04:05.678Zjunk']) {
      expect(parseIsoDate(junk), junk).to.be.NaN;
    }
  });

  it('admits a signature once', () => {
    const guard = new ReplayGuard();
    expect(guard.check('a', at('2026-01-02T03:04:05Z'))).to.equal(null);
    expect(guard.check('a', at('2026-01-02T03:04:05Z'))).to.equal('replayed signature');
    expect(guard.check('', at('2026-01-02T03:04:05Z')), 'unsigned sessions cannot be guarded').to.equal(null);
  });

  it('refuses a forgotten signature by its date, in its own session only', () => {
    const guard = new ReplayGuard({ capacity: 2 });
    expect(guard.check('a', at('2026-01-02T03:04:05.001Z'))).to.equal(null);
    expect(guard.check('b', at('2026-01-02T03:04:05.002Z'))).to.equal(null);
    expect(guard.check('c', at('2026-01-02T03:04:05.003Z'))).to.equal(null); // 'a' is forgotten here
    expect(guard.check('a', at('2026-01-02T03:04:05.001Z'))).to.match(/^dated .*no longer remembered/);
    expect(guard.check('d', at('2026-01-02T03:04:05.004Z')), 'newer messages of that session').to.equal(null);
    expect(guard.check('e', at('2026-01-02T03:04:05.000Z', 's2')), 'another session, whose clock may lag').to.equal(null);
  });

  it('refuses dated messages from before notBefore, and guards undated ones by signature alone', () => {
    const guard = new ReplayGuard({ capacity: 1, notBefore: Date.UTC(2026, 0, 2) });
    expect(guard.check('old', at('2026-01-01T23:59:59.999Z'))).to.match(/^dated .*before this kernel started/);
    expect(guard.check('new', at('2026-01-02T00:00:00.000Z'))).to.equal(null);
    expect(guard.check('undated', at(''))).to.equal(null);
    expect(guard.check('undated', at(''))).to.equal('replayed signature');
    guard.check('other', at(''));
    expect(guard.check('undated', at('')), 'forgotten: no date to refuse it by').to.equal(null);
  });

  it('keeps a bounded number of session floors, merging the oldest into one for sessions it does not know', () => {
    const guard = new ReplayGuard({ capacity: 1, sessions: 2 });
    guard.check('a1', at('2026-01-02T00:00:01Z', 'a'));
    guard.check('b1', at('2026-01-02T00:00:02Z', 'b')); // a's floor: 00:00:01
    guard.check('c1', at('2026-01-02T00:00:03Z', 'c')); // b's floor: 00:00:02
    guard.check('d1', at('2026-01-02T00:00:04Z', 'd')); // c's floor: 00:00:03; a's floor merges into the shared one
    expect(guard.check('a1', at('2026-01-02T00:00:01Z', 'a'))).to.match(/no longer remembered/);
    expect(guard.check('x1', at('2026-01-02T00:00:01Z', 'x'))).to.match(/no longer remembered/);
    expect(guard.check('x2', at('2026-01-02T00:00:01.001Z', 'x'))).to.equal(null);
    expect(guard.check('b0', at('2026-01-02T00:00:01.500Z', 'b'))).to.match(/no longer remembered/);
  });
});

describe('protocol: wire format', () => {
  it('round-trips a message with routing identities and buffers', () => {
    const signer = new Signer(KEY);
    const header = makeHeader('comm_msg', 'session-1');
    const frames = encode(
      { identities: [Buffer.from('id-a'), Buffer.from('id-b')], header, parent_header: {}, metadata: { m: 1 }, content: { x: 'é' }, buffers: [Buffer.from([1, 2, 3])] },
      signer,
    ).map((frame) => Buffer.from(frame));
    expect(frames[2].toString()).to.equal(DELIMITER);
    const decoded = decode(frames, signer, new ReplayGuard());
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.message.identities.map(String)).to.deep.equal(['id-a', 'id-b']);
    expect(decoded.message.header).to.deep.equal(header);
    expect(decoded.message.header.version).to.equal('5.3');
    expect(decoded.message.content).to.deep.equal({ x: 'é' });
    expect(decoded.message.metadata).to.deep.equal({ m: 1 });
    expect([...decoded.message.buffers[0]]).to.deep.equal([1, 2, 3]);
  });

  it('drops forged, replayed and malformed messages with a reason, never throwing', () => {
    const signer = new Signer(KEY);
    const replays = new ReplayGuard();
    const good = signedFrames(signer, { code: '1' });
    expect(decode(good, signer, replays).ok).to.equal(true);
    const replay = decode(good, signer, replays);
    expect(replay.ok === false && replay.reason).to.equal('replayed signature');
    const forged = signedFrames(new Signer('attacker'), { code: 'process.exit()' });
    const forgedResult = decode(forged, signer, replays);
    expect(forgedResult.ok === false && forgedResult.reason).to.equal('invalid signature');
    const noDelimiter = decode([Buffer.from('x'), Buffer.from('y')], signer, replays);
    expect(noDelimiter.ok).to.equal(false);
    const short = decode([Buffer.from(DELIMITER), Buffer.from('sig')], signer, replays);
    expect(short.ok === false && short.reason).to.match(/expected 5 frames/);
  });

  it('reports bad JSON and missing header fields in correctly signed messages, keeping the header when it parses', () => {
    const signer = new Signer(KEY);
    const header = JSON.stringify(makeHeader('execute_request', 's'));
    const badContent = [header, '{}', '{}', '{not json'];
    const frames = [Buffer.from(DELIMITER), Buffer.from(signer.sign(badContent)), ...badContent.map((f) => Buffer.from(f))];
    const result = decode(frames, signer, new ReplayGuard());
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.reason).to.equal('content is not valid JSON');
    expect(result.header?.msg_type).to.equal('execute_request');
    const noType = [JSON.stringify({ msg_id: 'x', session: 's' }), '{}', '{}', '{}'];
    const noTypeFrames = [Buffer.from(DELIMITER), Buffer.from(signer.sign(noType)), ...noType.map((f) => Buffer.from(f))];
    const missing = decode(noTypeFrames, signer, new ReplayGuard());
    expect(missing.ok === false && missing.reason).to.equal('header.msg_type is missing or not a string');
    const arrayContent = [header, '{}', '{}', '[1,2]'];
    const arrayFrames = [Buffer.from(DELIMITER), Buffer.from(signer.sign(arrayContent)), ...arrayContent.map((f) => Buffer.from(f))];
    const notObject = decode(arrayFrames, signer, new ReplayGuard());
    expect(notObject.ok === false && notObject.reason).to.equal('content is not a JSON object');
  });
});

describe('protocol: connection file', () => {
  const base = { shell_port: 1, control_port: 2, stdin_port: 3, iopub_port: 4, hb_port: 5, ip: '127.0.0.1', key: 'k' };

  it('builds tcp and ipc endpoints', () => {
    const tcp = parseConnectionInfo(JSON.stringify({ ...base, transport: 'tcp' }));
    expect(endpoint(tcp, 'shell')).to.equal('tcp://127.0.0.1:1');
    expect(endpoint(tcp, 'hb')).to.equal('tcp://127.0.0.1:5');
    const ipc = parseConnectionInfo(JSON.stringify({ ...base, transport: 'ipc', ip: '/tmp/kernel' }));
    expect(endpoint(ipc, 'iopub')).to.equal('ipc:///tmp/kernel-4');
  });

  it('defaults the scheme and transport, and accepts a missing key as unsigned', () => {
    const info = parseConnectionInfo(JSON.stringify({ ...base, key: undefined }));
    expect(info.transport).to.equal('tcp');
    expect(info.signature_scheme).to.equal('hmac-sha256');
    expect(info.key).to.equal('');
  });

  it('rejects bad ports and transports with a message naming the field', () => {
    expect(() => parseConnectionInfo(JSON.stringify({ ...base, shell_port: 'x' }))).to.throw(/shell_port/);
    expect(() => parseConnectionInfo(JSON.stringify({ ...base, transport: 'udp' }))).to.throw(/transport/);
    expect(() => parseConnectionInfo('[]')).to.throw(/not a JSON object/);
  });
});
