import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from schema.graphql for the SDK (queries/) and the dashboard
// (web/src/operations/); a test fails on drift.
const output = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    documentMode: 'string',
    enumsAsTypes: true,
    useTypeImports: true,
    scalars: { DateTime: 'string', JSON: 'unknown' },
    strictScalars: true,
    emitLegacyCommonJSImports: false,
  },
} as const;

const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'sdk/src/generated/': { ...output, documents: ['queries/**/*.graphql'] },
    'web/src/generated/': { ...output, documents: ['web/src/operations/**/*.graphql'] },
  },
};

export default config;
