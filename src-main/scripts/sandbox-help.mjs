// Recognises Chromium's sandbox abort on Linux and explains the fix for this Electron install.
// Ubuntu 23.10+ (and 24.04) restricts unprivileged user namespaces through AppArmor, so Chromium
// falls back to the setuid helper, finds it not root-owned (npm cannot install it so) and aborts
// with SIGTRAP. Either the helper is made setuid root, or an AppArmor profile allows user
// namespaces for this binary. Turning the sandbox off (--no-sandbox) is not offered.
import path from 'node:path'

const SANDBOX_MESSAGES = [
  'No usable sandbox!',
  'The SUID sandbox helper binary was found, but is not configured correctly'
]

export function sandboxFailureIn(stderr, signal, code) {
  const died = signal !== null || (code !== null && code !== 0)
  return died && SANDBOX_MESSAGES.some((message) => stderr.includes(message))
}

export function sandboxHelp(electronBinary) {
  const helper = path.join(path.dirname(electronBinary), 'chrome-sandbox')
  const profile = '/etc/apparmor.d/opentine-electron'
  return [
    'opentine: Electron could not start its sandbox and stopped (killed by SIGTRAP).',
    'opentine: This Linux (Ubuntu 23.10+, 24.04) blocks the unprivileged user namespaces the sandbox uses.',
    'opentine: Fix it for this install in one of two ways, then run `npm start` again:',
    '',
    "  1. Make Electron's sandbox helper setuid root:",
    `       sudo chown root:root ${quote(helper)}`,
    `       sudo chmod 4755 ${quote(helper)}`,
    '',
    '  2. Or allow user namespaces for this Electron with an AppArmor profile:',
    `       sudo tee ${profile} >/dev/null <<'EOF'`,
    '       abi <abi/4.0>,',
    '       include <tunables/global>',
    `       profile opentine-electron "${electronBinary}" flags=(unconfined) {`,
    '         userns,',
    '         include if exists <local/opentine-electron>',
    '       }',
    '       EOF',
    `       sudo apparmor_parser -r ${profile}`,
    '',
    'opentine: The sandbox stays on: opentine never starts Electron without it.'
  ].join('\n')
}

function quote(file) {
  return /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`
}
