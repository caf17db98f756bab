/** Where a step keeps the text a model wrote or read, to show it as markdown above the raw JSON. */
export interface StepText {
  label: string
  text: string
}

const TEXT_KEYS = ['text', 'content', 'reasoning', 'thinking']

export function stepTexts(inputs: unknown, outputs: unknown): StepText[] {
  const found: StepText[] = []
  const collect = (where: string, value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return
    for (const key of TEXT_KEYS) {
      const text = (value as Record<string, unknown>)[key]
      if (typeof text === 'string' && text.trim() !== '') found.push({ label: `${where}.${key}`, text })
    }
  }
  collect('inputs', inputs)
  collect('outputs', outputs)
  return found
}
