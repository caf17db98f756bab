/** Every benchmark section, in the order `npm run bench` runs them. Add new sections here. */
import { checkpointSection } from './checkpoint'
import { diffSection } from './diff'
import { loadSection } from './load'
import type { BenchSection } from './types'

export const SECTIONS: BenchSection[] = [loadSection, diffSection, checkpointSection]
