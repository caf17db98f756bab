/** Module scope on purpose: a new object per render would make React Flow remount every node. */
import type { NodeTypes } from '@xyflow/react'
import { DiffStepNode } from './DiffStepNode'

export const diffNodeTypes: NodeTypes = { diffStep: DiffStepNode }
