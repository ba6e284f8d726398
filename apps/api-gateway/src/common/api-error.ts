import { HttpException } from '@nestjs/common';

/** The error body every endpoint answers with: `{"detail": {"error": TYPE, "message": TEXT}}`. */
export interface ApiErrorBody {
  detail: { error: string; message: string } & Record<string, unknown>;
}

/** One validation failure, in the shape the LangSmith client parses (`loc` ends with the field). */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: 'value_error';
}

export class ApiError extends HttpException {
  constructor(status: number, error: string, message: string) {
    super({ detail: { error, message } } satisfies ApiErrorBody, status);
  }
}

/** 422 with `{"detail": [{loc, msg, type}]}`. */
export class RequestValidationError extends HttpException {
  constructor(readonly details: ValidationDetail[]) {
    super({ detail: details }, 422);
  }

  static field(loc: ValidationDetail['loc'], msg: string): RequestValidationError {
    return new RequestValidationError([{ loc, msg, type: 'value_error' }]);
  }
}
