/** One entry of a 422 body: `loc` says where (`["body", "fs_capacity_bytes"]`), `msg` what is wrong. */
interface ValidationDetail {
  loc: Array<string | number>;
  msg: string;
}

/**
 * What to tell the user about a gateway error response: the API's `detail.message`, or for a 422
 * every `loc: msg`. A body in neither shape (a proxy's error page, say) falls back to the status.
 */
export function apiErrorMessage(status: number, body: string): string {
  const detail = parseDetail(body);
  if (Array.isArray(detail) && detail.length > 0 && detail.every(isValidationDetail)) {
    return `invalid request: ${detail.map(({ loc, msg }) => `${loc.join('.')}: ${msg}`).join('; ')}`;
  }
  if (typeof detail === 'object' && detail !== null && 'message' in detail && typeof detail.message === 'string') return detail.message;
  if (typeof detail === 'string') return detail;
  return `the gateway answered HTTP ${status}`;
}

function parseDetail(body: string): unknown {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'detail' in parsed ? parsed.detail : undefined;
  } catch {
    return undefined;
  }
}

function isValidationDetail(value: unknown): value is ValidationDetail {
  return typeof value === 'object' && value !== null && 'loc' in value && Array.isArray(value.loc) && 'msg' in value && typeof value.msg === 'string';
}
