import { DataPlaneValidationError } from './dataplane-errors.js';

/** Typed reads of a JSON object's fields, failing with a validation error that names the field. */
export class RequestFields {
  private readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    value: unknown,
    private readonly loc: readonly (string | number)[],
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataPlaneValidationError(loc, 'must be a JSON object');
    }
    this.fields = value as Record<string, unknown>;
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined && this.fields[name] !== null;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw this.invalid(name, 'is required');
    return value;
  }

  string(name: string): string | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw this.invalid(name, 'must be a string');
    return value;
  }

  absolutePath(name: string): string | undefined {
    const value = this.string(name);
    if (value !== undefined && !value.startsWith('/')) throw this.invalid(name, 'must be an absolute path');
    return value;
  }

  number(name: string, fallback: number, { min }: { min: number }): number {
    const value = this.present(name);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.invalid(name, 'must be a number');
    if (value < min) throw this.invalid(name, `must be at least ${min}`);
    return value;
  }

  boolean(name: string): boolean {
    const value = this.present(name);
    if (value === undefined) return false;
    if (typeof value !== 'boolean') throw this.invalid(name, 'must be true or false');
    return value;
  }

  stringMap(name: string): Record<string, string> | undefined {
    const value = this.present(name);
    if (value === undefined) return undefined;
    const entries = typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as object) : undefined;
    if (!entries || entries.some(([, item]) => typeof item !== 'string')) throw this.invalid(name, 'must map names to strings');
    return Object.fromEntries(entries) as Record<string, string>;
  }

  object(name: string): RequestFields | undefined {
    const value = this.present(name);
    return value === undefined ? undefined : new RequestFields(value, [...this.loc, name]);
  }

  private present(name: string): unknown {
    const value = this.fields[name];
    return value === null ? undefined : value;
  }

  private invalid(name: string, message: string): DataPlaneValidationError {
    return new DataPlaneValidationError([...this.loc, name], message);
  }
}
