import { graphSection, framesSection } from './ui'
import { formatTable } from './report'
const ctx = { repeats: Number(process.env.R ?? 1), warmup: 0, log: (m: string) => console.log('  ' + m) }
const which = process.argv[2]
const section = which === 'frames' ? framesSection : graphSection
const result = await section.run(ctx)
console.log(formatTable(result))
