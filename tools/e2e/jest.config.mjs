import { jestConfig } from '../../jest.preset.mjs';

// End-to-end: whole stacks of processes, real Docker; one file at a time keeps two cores sane.
export default jestConfig(import.meta.dirname, 'e2e', { testTimeout: 240_000, maxWorkers: 1 });
