import { decodeSubjectToken, encodeSubjectToken } from './subject-token.js';

describe('subject tokens', () => {
  it('keeps [A-Za-z0-9_-] as is', () => {
    expect(encodeSubjectToken('Snapshot-abc_123')).toBe('Snapshot-abc_123');
  });

  it('escapes everything else as =XX of its UTF-8 bytes', () => {
    expect(encodeSubjectToken('a.b')).toBe('a=2Eb');
    expect(encodeSubjectToken('a b*>')).toBe('a=20b=2A=3E');
    expect(encodeSubjectToken('=')).toBe('=3D');
    expect(encodeSubjectToken('ü')).toBe('=C3=BC');
  });

  it.each(['a.b', 'a=2Eb', '>', '*.*', 'tab\there', 'über/straße ✓ 🚀', 'workspace:42/snapshot:name'])(
    'round-trips %j through a single token of safe characters',
    (name) => {
      const token = encodeSubjectToken(name);
      expect(token).toMatch(/^[A-Za-z0-9_=-]+$/);
      expect(decodeSubjectToken(token)).toBe(name);
    },
  );

  it('refuses an empty name and malformed escapes', () => {
    expect(() => encodeSubjectToken('')).toThrow(/empty/);
    expect(() => decodeSubjectToken('a=2')).toThrow(/malformed/);
    expect(() => decodeSubjectToken('a=zz')).toThrow(/malformed/);
  });
});
