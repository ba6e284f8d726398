import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { RequestValidationError, type ValidationDetail } from './api-error.js';

/**
 * class-validator on every DTO, answering 422 with one entry per failing field, `loc` naming where
 * it was (`["body", "run_config", "work_dir"]`, `["query", "limit"]`). Unknown fields are dropped,
 * not refused, so newer clients keep working.
 */
@Injectable()
export class ApiValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype, type } = metadata;
    if (!metatype || type === 'custom' || [String, Number, Boolean, Object, Array].includes(metatype as never)) return value;
    if (type === 'body' && (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw RequestValidationError.field(['body'], 'the request body must be a JSON object');
    }
    const instance = plainToInstance(metatype as new () => object, value ?? {}, { enableImplicitConversion: type === 'query' });
    const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
    if (errors.length > 0) throw new RequestValidationError(errors.flatMap((error) => details(error, [type])));
    return instance;
  }
}

function details(error: ValidationError, parent: (string | number)[]): ValidationDetail[] {
  const loc = [...parent, error.property];
  const own = Object.values(error.constraints ?? {}).map((msg) => ({ loc, msg, type: 'value_error' as const }));
  return [...own, ...(error.children ?? []).flatMap((child) => details(child, loc))];
}
