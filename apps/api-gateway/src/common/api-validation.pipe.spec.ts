import { RequestValidationError } from './api-error.js';
import { ApiValidationPipe } from './api-validation.pipe.js';
import { ListQuery } from './list.query.js';
import { CreateSnapshotDto } from '../snapshots/dto/create-snapshot.dto.js';

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();

  async function failure(value: unknown, metatype: new () => object, type: 'body' | 'query'): Promise<RequestValidationError> {
    const error = await pipe.transform(value, { type, metatype }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    return error as RequestValidationError;
  }

  it('converts and accepts valid query parameters', async () => {
    await expect(pipe.transform({ limit: '10', offset: '0', name_contains: 'py' }, { type: 'query', metatype: ListQuery })).resolves.toEqual({
      limit: 10,
      offset: 0,
      name_contains: 'py',
    });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '501' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ offset: '-1' }, 'offset'],
  ])('refuses %j naming the query field', async (query, field) => {
    const error = await failure(query, ListQuery, 'query');
    expect(error.getStatus()).toBe(422);
    expect(error.details[0]).toMatchObject({ loc: ['query', field], type: 'value_error' });
  });

  it('names nested body fields with their path', async () => {
    const error = await failure({ name: 'n', docker_image: 'i', fs_capacity_bytes: 1, run_config: { work_dir: 'relative' } }, CreateSnapshotDto, 'body');
    expect(error.details).toEqual([{ loc: ['body', 'run_config', 'work_dir'], msg: 'work_dir must be an absolute path', type: 'value_error' }]);
  });

  it('lists every missing field', async () => {
    const error = await failure({}, CreateSnapshotDto, 'body');
    expect(error.details.map((detail) => detail.loc.join('.'))).toEqual(
      expect.arrayContaining(['body.name', 'body.docker_image', 'body.fs_capacity_bytes']),
    );
  });

  it('refuses a body that is not a JSON object', async () => {
    const error = await failure([1, 2], CreateSnapshotDto, 'body');
    expect(error.details).toEqual([{ loc: ['body'], msg: 'the request body must be a JSON object', type: 'value_error' }]);
  });

  it('drops unknown fields instead of refusing them', async () => {
    await expect(
      pipe.transform({ name: 'n', docker_image: 'i', fs_capacity_bytes: 5, surprise: true }, { type: 'body', metatype: CreateSnapshotDto }),
    ).resolves.not.toHaveProperty('surprise');
  });
});
