import { parsePositiveWholeNumber, parseWholeNumber } from './whole-number.js';

describe('whole numbers', () => {
  it('reads digits only', () => {
    expect(parseWholeNumber('0')).toBe(0);
    expect(parseWholeNumber('42')).toBe(42);
    for (const text of ['', '-1', '1.0', '1e3', '0x10', ' 1', '9007199254740993']) expect(parseWholeNumber(text)).toBeUndefined();
  });

  it('refuses zero where a positive number is needed', () => {
    expect(parsePositiveWholeNumber('1')).toBe(1);
    expect(parsePositiveWholeNumber('0')).toBeUndefined();
  });
});
