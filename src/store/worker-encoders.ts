/**
 * What a reader thread needs to run a `RowsEncoder` named by module and export: `encoderOf({ module, name })`, as
 * plain JavaScript for a worker's source (`workerData.tsx` is where tsx is, to load an encoder from TypeScript
 * sources, as tests run them).
 */
export const ENCODER_LOADER_SOURCE = `
const encoders = new Map();
const encoderOf = ({ module, name }) => {
  const key = module + '#' + name;
  let encode = encoders.get(key);
  if (!encode) {
    if (module.endsWith('.ts')) require(workerData.tsx).register();
    encode = require(module)[name];
    if (typeof encode !== 'function') throw new Error(module + ' exports no function ' + name);
    encoders.set(key, encode);
  }
  return encode;
};
`;

/** where a reader thread finds tsx, to load an encoder from TypeScript sources (tests); resolved only when it exists */
export const tsxPath = (): string => {
  try {
    return require.resolve('tsx/cjs/api');
  } catch {
    return '';
  }
};
