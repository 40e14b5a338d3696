// Lets TypeScript accept CSS imports, which esbuild bundles into dist/ui/app.css.
declare module '*.css';
