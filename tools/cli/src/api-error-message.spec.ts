import { apiErrorMessage } from './api-error-message.js';

describe('apiErrorMessage', () => {
  it("gives an error body's detail.message", () => {
    const body = JSON.stringify({ detail: { error: 'SNAPSHOT_NOT_FOUND', message: "snapshot 'x' not found" } });
    expect(apiErrorMessage(404, body)).toBe("snapshot 'x' not found");
  });

  it('gives every location and message of a 422', () => {
    const body = JSON.stringify({
      detail: [
        { loc: ['query', 'limit'], msg: 'limit must not be greater than 500', type: 'value_error' },
        { loc: ['body', 'run_config', 'work_dir'], msg: 'work_dir must be an absolute path', type: 'value_error' },
      ],
    });
    expect(apiErrorMessage(422, body)).toBe(
      'invalid request: query.limit: limit must not be greater than 500; body.run_config.work_dir: work_dir must be an absolute path',
    );
  });

  it('gives a detail that is plain text', () => {
    expect(apiErrorMessage(400, JSON.stringify({ detail: 'bad things' }))).toBe('bad things');
  });

  it.each(['<html>502 Bad Gateway</html>', '', '{"detail": []}', '{"message": "elsewhere"}', 'null'])('falls back to the status for %j', (body) => {
    expect(apiErrorMessage(502, body)).toBe('the gateway answered HTTP 502');
  });
});
