// Boots a module the way Electron's utilityProcess.fork does, for the stand-in: the child talks
// to its parent through process.parentPort (messages arrive as { data }), not process.send.
import { pathToFileURL } from 'node:url'

const [modulePath, ...args] = process.argv.slice(2)
process.argv = [process.argv[0], modulePath, ...args]
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data, ports: [] }))
  },
  postMessage(message) {
    if (process.connected) process.send(message)
  }
}
await import(pathToFileURL(modulePath).href)
