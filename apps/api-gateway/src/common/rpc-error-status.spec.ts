import { statusForErrorCode } from './rpc-error-status.js';

describe('statusForErrorCode', () => {
  it.each([
    ['SNAPSHOT_NOT_FOUND', 404],
    ['REGISTRY_NOT_FOUND', 404],
    ['SNAPSHOT_NAME_TAKEN', 409],
    ['PROFILE_VERSION_SNAPSHOT_IN_PROGRESS', 409],
    ['PROFILE_VERSION_NOT_USABLE', 409],
    ['SNAPSHOT_REFERENCED', 409],
    ['SANDBOX_NOT_STOPPED', 409],
    ['SANDBOX_UNSCHEDULABLE', 503],
    ['SNAPSHOT_INVALID', 422],
    ['TIMEOUT', 504],
    ['NO_RESPONDERS', 503],
    ['INTERNAL', 500],
    ['SOMETHING_ELSE', 400],
  ])('%s answers %i', (code, status) => {
    expect(statusForErrorCode(code)).toBe(status);
  });
});
