import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';

/**
 * Encrypts secrets at rest (registry passwords) with AES-256-GCM under SNAPFORGE_SECRET_KEY. The
 * gateway only encrypts; only the builder agent, which needs the plain password to pull, decrypts.
 * Ciphertexts are self-describing (`v1:iv:tag:data`, base64url) so the key format can evolve.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    if (!secretKey) throw new Error('SNAPFORGE_SECRET_KEY is not set: it is needed to encrypt registry passwords');
    // Any string works as a key: hashing makes it exactly 32 bytes.
    this.key = createHash('sha256').update(secretKey).digest();
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox {
    return new SecretBox(env.SNAPFORGE_SECRET_KEY ?? '');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
  }

  decrypt(ciphertext: string): string {
    const [format, iv, tag, data] = ciphertext.split(':');
    if (format !== FORMAT || !iv || !tag || data === undefined) throw new Error('not a secret-box ciphertext');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the secret cannot be decrypted with this SNAPFORGE_SECRET_KEY');
    }
  }
}
