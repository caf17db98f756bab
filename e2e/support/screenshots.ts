/**
 * Screenshots for people, kept as CI artifacts. Playwright empties test-results/ when a run
 * starts, so each spec file copies the pictures to .ci/artifacts/screenshots/ when it ends.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page, TestInfo } from '@playwright/test'
import { ARTIFACT_SCREENSHOT_DIR, SCREENSHOT_DIR } from './paths'

export async function saveScreenshot(target: Page | Locator, name: string, testInfo: TestInfo): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${testInfo.project.name}-${name}.png`)
  await target.screenshot({ path: file })
  await testInfo.attach(name, { path: file, contentType: 'image/png' })
  return file
}

export function copyScreenshotsToArtifacts(): void {
  if (!existsSync(SCREENSHOT_DIR)) return
  mkdirSync(ARTIFACT_SCREENSHOT_DIR, { recursive: true })
  cpSync(SCREENSHOT_DIR, ARTIFACT_SCREENSHOT_DIR, { recursive: true })
}
