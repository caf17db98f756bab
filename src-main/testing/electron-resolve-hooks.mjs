// Module resolution hook: `import ... from 'electron'` in the built main loads the stand-in.
const standIn = new URL('./electron-stand-in.cjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, format: 'commonjs', shortCircuit: true }
  return nextResolve(specifier, context)
}
