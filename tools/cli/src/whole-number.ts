/** Digits only: `1e3`, `0x10`, `-1` and `1.0` are refused rather than read the way JavaScript would. */
export function parseWholeNumber(text: string): number | undefined {
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

export function parsePositiveWholeNumber(text: string): number | undefined {
  const value = parseWholeNumber(text);
  return value !== undefined && value > 0 ? value : undefined;
}
