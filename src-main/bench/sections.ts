/** Every benchmark section, in the order `npm run bench` runs them. Add new sections here. */
import { checkpointSection } from './checkpoint'
import { cliSection } from './cli'
import { diffSection } from './diff'
import { diffColdSection } from './diff-cold'
import { listSection } from './list'
import { liveSection } from './live'
import { loadSection } from './load'
import type { BenchSection } from './types'
import { framesSection, graphSection } from './ui'
import { listedSection, timelineSection } from './views'
import { watchSection } from './watch'

export const SECTIONS: BenchSection[] = [
  loadSection,
  diffSection,
  graphSection,
  framesSection,
  listSection,
  watchSection,
  checkpointSection,
  cliSection,
  liveSection,
  diffColdSection,
  timelineSection,
  listedSection
]
