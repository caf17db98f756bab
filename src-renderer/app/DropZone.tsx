/**
 * Drag and drop of .tine files and folders onto the window. Electron gives real paths through the
 * bridge; a browser never does, so browser mode sends the dropped files' bytes to the server, which
 * opens them as read-only copies (see views/dropped-files.ts).
 */
import { useEffect, useState } from 'react'
import { useClient } from '../api/client'
import { tineStore } from '../store/store'
import { openDroppedFiles } from '../views/dropped-files'

export function DropZone() {
  const { calls, bridge } = useClient()
  const [over, setOver] = useState(false)

  useEffect(() => {
    let depth = 0
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files')
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth++
      setOver(true)
    }
    const onLeave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setOver(false)
      const files = Array.from(event.dataTransfer?.files ?? [])
      if (!bridge) {
        void openDroppedFiles(files, calls, tineStore)
        return
      }
      const paths = files.map((file) => bridge.pathForFile(file)).filter((path) => path !== '')
      if (paths.length === 0) tineStore.getState().setNotice('Nothing to open: drop folders or .tine files.')
      else void calls.openPaths(paths)
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('dragover', onOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [calls, bridge])

  if (!over) return null
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <p>{bridge ? 'Drop folders or .tine files to open them' : 'Drop .tine files to open them (read-only copies)'}</p>
    </div>
  )
}
