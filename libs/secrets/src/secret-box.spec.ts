import { SecretBox } from './secret-box.js';
import { generateApiKey, hashApiKey } from './api-key.js';

describe('SecretBox', () => {
  const box = new SecretBox('a key from the environment');

  it('round-trips a secret without the plain text in the ciphertext', () => {
    const ciphertext = box.encrypt('hunter2-registry-password');
    expect(ciphertext).not.toContain('hunter2');
    expect(box.decrypt(ciphertext)).toBe('hunter2-registry-password');
  });

  it('gives a different ciphertext each time (random IV)', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses a ciphertext made under another key, without echoing it', () => {
    const other = new SecretBox('another key').encrypt('secret');
    expect(() => box.decrypt(other)).toThrow('cannot be decrypted with this SNAPFORGE_SECRET_KEY');
  });

  it('refuses a tampered ciphertext', () => {
    const [format, iv, tag, data] = box.encrypt('secret').split(':');
    const tampered = [format, iv, tag, Buffer.from('x' + data).toString('base64url')].join(':');
    expect(() => box.decrypt(tampered)).toThrow();
  });

  it('requires a key', () => {
    expect(() => new SecretBox('')).toThrow('SNAPFORGE_SECRET_KEY');
  });
});

describe('API keys', () => {
  it('are random and stored only as a stable hash', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^sf_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toContain(key);
  });
});
