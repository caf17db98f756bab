/** Hands the actions (and the bridge, for drag and drop paths) to components. */
import { createContext, useContext, type ReactNode } from 'react'
import type { Actions } from './actions'
import type { TineBridge } from './bridge-types'

export interface AppServices {
  actions: Actions
  bridge: TineBridge | null
}

const ServicesContext = createContext<AppServices | null>(null)

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('useServices outside ServicesProvider')
  return services
}

export function useActions(): Actions {
  return useServices().actions
}
