/** The agent calls for components, bound to the app's api and its openRun. */
import { useMemo } from 'react'
import { useActions } from '../api/actions-context'
import { tineStore } from '../store/store'
import { agentsApi, createAgentActions, type AgentActions } from './agents-api'

export function useAgentActions(): AgentActions {
  const actions = useActions()
  return useMemo(
    () => createAgentActions(agentsApi(), tineStore, { openRun: (file) => actions.openRun(file) }),
    [actions]
  )
}
