// One swc configuration for the build and for Jest, so tests run the code exactly as it ships.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

export const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

const { compilerOptions } = JSON.parse(readFileSync(new URL('../../tsconfig.base.json', import.meta.url), 'utf8'));

export function swcOptions({ sourceMaps = 'inline' } = {}) {
  return {
    swcrc: false,
    sourceMaps,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: workspaceRoot,
      paths: compilerOptions.paths,
    },
    module: { type: 'es6', resolveFully: true },
  };
}
