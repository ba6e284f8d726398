import { RequestValidationError } from '../../common/api-error.js';
import { ApiValidationPipe } from '../../common/api-validation.pipe.js';
import { CaptureBoxDto } from './capture-box.dto.js';

describe('CaptureBoxDto', () => {
  const pipe = new ApiValidationPipe();
  const validate = (value: unknown) => pipe.transform(value, { type: 'body', metatype: CaptureBoxDto });

  it('takes a name with the resources it shares with boxes', async () => {
    await expect(validate({ name: 'copy', fs_capacity_bytes: 1024, run_config: { work_dir: '/srv' } })).resolves.toMatchObject({
      name: 'copy',
      fs_capacity_bytes: 1024,
      run_config: { work_dir: '/srv' },
    });
  });

  it('names the failing field, nested ones included', async () => {
    const error = (await validate({ name: '', run_config: { work_dir: 'relative' } }).catch((e: unknown) => e)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.details.map((detail) => detail.loc.join('.'))).toEqual(expect.arrayContaining(['body.name', 'body.run_config.work_dir']));
  });
});
