/** A module's URL as a chunk of its own, for the browser's `import()` (src/integrations/entry-url.ts). */
declare module '*?entry-url' {
  const url: string;
  export default url;
}
