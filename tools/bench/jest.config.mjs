import { jestConfig } from '../../jest.preset.mjs';

// Only the harness's own logic: the scenarios themselves run through `npm run bench`, never under Jest.
export default jestConfig(import.meta.dirname, 'bench');
