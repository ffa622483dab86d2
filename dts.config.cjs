// Declaration bundles for the published package: one self-contained .d.ts per entry, so
// consumers resolve them under every moduleResolution (bundler, node16, nodenext).
/** @type {import('dts-bundle-generator/config-schema').BundlerConfig} */
module.exports = {
  compilationOptions: { preferredConfigPath: './tsconfig.build.json' },
  entries: [
    {
      filePath: './src/index.ts',
      outFile: './dist/types/index.d.ts',
      libraries: { importedLibraries: ['lit', 'comlink'] },
      output: { inlineDeclareGlobals: true, noBanner: true, exportReferencedTypes: false },
    },
    {
      filePath: './src/core/index.ts',
      outFile: './dist/types/core.d.ts',
      output: { noBanner: true, exportReferencedTypes: false },
    },
  ],
};
