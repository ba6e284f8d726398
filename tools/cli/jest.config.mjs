import { jestConfig } from '../../jest.preset.mjs';

export default jestConfig(import.meta.dirname, 'cli', { testTimeout: 180_000 });
