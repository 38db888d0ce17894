import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations for the SDK, generated from schema.graphql and queries/; a test fails on drift.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['queries/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'sdk/src/generated/': {
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
    },
  },
};

export default config;
