/** `tine export RUN --format otel-json`: the run as an OTLP/JSON trace document (spec §17). */
import type { Command } from 'commander'
import { runToOtelJson } from '../../../src-shared/run/otel'
import { prettyJson } from '../../../src-shared/tine/pretty'
import { TOOL_NAME } from '../../../src-shared/tine/version'
import { writeFileAtomic } from '../../store/atomic-write'
import { UsageError } from '../errors'
import { out } from '../output'
import { openRun } from '../run-io'

interface ExportFlags {
  format: string
  output?: string
  force?: boolean
  serviceName: string
  endpoint?: string
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a run as an OpenTelemetry (OTLP/JSON) trace')
    .argument('<run>', 'a .tine path, or a run id / file name prefix in .tine_runs/')
    .option('--format <format>', 'otel-json', 'otel-json')
    .option('--output <path>', 'write to this file instead of stdout')
    .option('--force', 'replace an existing --output file')
    .option('--service-name <name>', 'service.name resource attribute', 'opentine')
    .option('--endpoint <url>', 'not supported: tine never sends runs over the network')
    .action(async (argument: string, flags: ExportFlags) => {
      if (flags.endpoint !== undefined || flags.format === 'otlp') {
        throw new UsageError(
          'sending to an OTLP endpoint is not supported; use --format otel-json and ship the file with your collector'
        )
      }
      if (flags.format !== 'otel-json') throw new UsageError(`unknown --format ${flags.format}; use otel-json`)
      const { run } = await openRun(argument)
      const text = prettyJson(
        runToOtelJson(run, { serviceName: flags.serviceName, version: TOOL_NAME.split('/')[1] ?? '' })
      )
      if (flags.output) {
        await writeFileAtomic(flags.output, text + '\n', { exclusive: !flags.force })
        process.stderr.write(`Exported ${run.stepCount} spans to ${flags.output}\n`)
      } else out(text)
    })
}
