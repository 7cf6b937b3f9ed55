/** Each catalogue's own name for its language, by code (see `vite.config.ts`). */
declare module 'virtual:jointplan-languages' {
  const names: Record<string, string>
  export default names
}
