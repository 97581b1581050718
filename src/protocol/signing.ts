// HMAC signatures over the four JSON frames, compared in constant time.
import { createHmac, timingSafeEqual } from 'crypto';

const SCHEMES: Record<string, string> = { 'hmac-sha256': 'sha256', 'hmac-sha512': 'sha512', 'hmac-sha1': 'sha1' };

export class Signer {
  private readonly algorithm: string;

  /** An empty key disables signing, as the spec says: signatures are then empty and not checked. */
  constructor(private readonly key: string, scheme = 'hmac-sha256') {
    const algorithm = SCHEMES[scheme];
    if (!algorithm) throw new Error(`unsupported signature_scheme ${scheme}`);
    this.algorithm = algorithm;
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(frames: readonly (Buffer | string)[]): string {
    if (!this.enabled) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest('hex');
  }

  verify(signature: string, frames: readonly (Buffer | string)[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
