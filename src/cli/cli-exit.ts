/** A failure the CLI reports as one line on stderr with a chosen exit code. */
export class CliExit extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliExit';
  }
}
