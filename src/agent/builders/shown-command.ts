/** The command line for the build log, with build-arg values hidden: they may be secrets. */
export function shownCommand(command: string, args: readonly string[]): string {
  return [command, ...args.map((arg, i) => (args[i - 1] === '--build-arg' ? `${arg.split('=')[0]}=…` : arg))].join(' ');
}
