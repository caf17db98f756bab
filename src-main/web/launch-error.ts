/** A reason browser mode could not start that the user can fix (port taken, build failed). */
export class LaunchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LaunchError'
  }
}
