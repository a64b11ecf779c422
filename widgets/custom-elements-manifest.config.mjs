// custom-elements.json for editors, Storybook and the docs: read from the components' JSDoc.
export default {
  globs: ['src/**/*.component.ts', 'src/internal/finlet-element.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
