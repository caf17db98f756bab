/** Module scope on purpose: a new object per render would make React Flow remount every node. */
import type { NodeTypes } from '@xyflow/react'
import { ErrorStepNode, StepDot, StepNode } from './StepNode'

export const nodeTypes: NodeTypes = { step: StepNode, errorStep: ErrorStepNode, stepDot: StepDot }
