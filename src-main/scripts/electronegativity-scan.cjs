// Electronegativity's parser (typescript-estree 4) needs the TypeScript 4 compiler API it ships
// with; npm hoists the parser beside our TypeScript 7, which has no such API. Point it back.
const Module = require('node:module')
const path = require('node:path')

const own = path.join(
  path.dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'node_modules',
  'typescript'
)
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes(`${path.sep}@typescript-eslint${path.sep}`))
    return resolve.call(this, own, parent, ...rest)
  return resolve.call(this, request, parent, ...rest)
}

// Its command line needs the commander 2 API (also hoisted away), so the scan runs through its
// runner, which answers with the findings; printed as one JSON line for electronegativity.mjs.
if (require.main === module) {
  const [input, electronVersion] = process.argv.slice(2)
  const run = require('@doyensec/electronegativity/dist/runner.js')
  const options = {
    input,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
    electronVersionOverride: electronVersion
  }
  run(options, false).then(
    (result) => {
      const issues = result.issues.map((issue) => ({
        check: issue.id,
        file: issue.file,
        line: issue.location.line,
        sample: issue.sample ?? ''
      }))
      process.stdout.write(`FINDINGS ${JSON.stringify({ issues, errors: result.errors.length })}\n`)
    },
    (error) => {
      console.error(error.stack)
      process.exit(1)
    }
  )
}
