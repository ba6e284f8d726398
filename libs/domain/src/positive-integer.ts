/** A count or a size: a whole number above zero that JSON and JavaScript both represent exactly. */
export function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}
