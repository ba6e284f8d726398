const SAFE_BYTE = /^[A-Za-z0-9_-]$/;

/**
 * Encodes any non-empty string as one NATS subject token (also a valid KV key): bytes outside
 * [A-Za-z0-9_-] become `=XX` (UTF-8, upper-case hex), so dots, spaces and wildcards can't split or
 * widen a subject, and the encoding stays reversible.
 */
export function encodeSubjectToken(text: string): string {
  if (text.length === 0) throw new Error('cannot encode an empty string as a subject token');
  let token = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    token += byte < 0x80 && SAFE_BYTE.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return token;
}

export function decodeSubjectToken(token: string): string {
  if (!token.includes('=')) return token;
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '=') {
      const hex = token.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) throw new Error(`malformed subject token: ${token}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(token.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
