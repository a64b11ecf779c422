// Stories import the CLI's demo YAML through the `finlet-yaml-modules` plugin of .storybook/main.ts.
declare module '*.yaml' {
  const document: unknown;
  export default document;
}
