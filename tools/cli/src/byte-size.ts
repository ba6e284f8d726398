const KIB = 1024;

/**
 * Multipliers by unit, lower-cased. The SI units (KB, MB, ...) are powers of 1000 and the IEC ones
 * (KiB, MiB, ...) powers of 1024; a bare letter (`2g`) counts in 1024s as Docker's `--memory` does.
 */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: KIB,
  kb: 1000,
  kib: KIB,
  m: KIB ** 2,
  mb: 1000 ** 2,
  mib: KIB ** 2,
  g: KIB ** 3,
  gb: 1000 ** 3,
  gib: KIB ** 3,
  t: KIB ** 4,
  tb: 1000 ** 4,
  tib: KIB ** 4,
};

/** `1073741824`, `512MiB`, `1.5 GiB`, `2GB` → bytes; undefined for anything else, or for less than one byte. */
export function parseByteSize(text: string): number | undefined {
  const [, amount, unit = ''] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim()) ?? [];
  const multiplier = UNITS[unit.toLowerCase()];
  if (amount === undefined || multiplier === undefined) return undefined;
  const bytes = Number(amount) * multiplier;
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}

const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes for people: `4.3 MiB`, `1 GiB`, `512 B`. */
export function formatByteSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= KIB && unit < IEC_UNITS.length - 1) {
    value /= KIB;
    unit++;
  }
  const digits = unit === 0 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${IEC_UNITS[unit]}`;
}
