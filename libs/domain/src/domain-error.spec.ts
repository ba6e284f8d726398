import { DomainError, isDomainError } from './domain-error.js';

describe('DomainError', () => {
  it('carries a stable code and a message for humans', () => {
    const error = new DomainError('SNAPSHOT_NOT_FOUND', 'snapshot not found');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'DomainError', code: 'SNAPSHOT_NOT_FOUND', message: 'snapshot not found' });
    expect(error).not.toHaveProperty('details');
  });

  it('carries machine-readable details when the refusal has them', () => {
    const error = new DomainError('PROFILE_VERSION_SNAPSHOT_IN_PROGRESS', 'job-1 is running', { activeJobId: 'job-1' });
    expect(error.details).toEqual({ activeJobId: 'job-1' });
  });

  it('is recognised by isDomainError, also when it comes from another copy of the module', () => {
    const fromAnotherCopy = Object.assign(new Error('snapshot not found'), {
      name: 'DomainError',
      code: 'SNAPSHOT_NOT_FOUND',
    });
    expect(isDomainError(new DomainError('X', 'x'))).toBe(true);
    expect(isDomainError(fromAnotherCopy)).toBe(true);
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError({ name: 'DomainError', code: 'X', message: 'not an Error' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });
});
