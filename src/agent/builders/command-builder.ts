import { CascadeError } from '../../errors';
import { createBuildLog } from './build-log';
import type { BuildOutcome, BuildSpec, Builder } from './builder';
import { expandTemplate, unknownPlaceholders } from './expand-template';
import { lastErrorLine, oneLine, processFailure } from './process-outcome';
import { runProcess } from './run-process';
import { shownCommand } from './shown-command';
import { splitCommand } from './split-command';

export interface CommandBuilderDeps {
  /** e.g. `docker buildx build --push --platform {platform} -f {dockerfile} {image_flags} {build_args} --target {target} {context}`. */
  readonly template: string;
  readonly logLimit?: number;
}

/**
 * Any builder with a command line that builds and pushes (`docker buildx build --push`, `az acr
 * build`): exit 0 is success, anything else the build's failure. The command runs without a
 * shell, in the context directory; see `expandTemplate` for the placeholders.
 */
export function createCommandBuilder(deps: CommandBuilderDeps): Builder {
  const split = splitCommand(deps.template);
  if (!split.ok) throw new CascadeError('CONFIG_INVALID', `invalid configuration: the build command template: ${split.reason}`);
  const unknown = unknownPlaceholders(split.argv);
  if (unknown.length > 0) throw new CascadeError('CONFIG_INVALID', `invalid configuration: the build command template has unknown placeholders: ${unknown.map((name) => `{${name}}`).join(', ')}`);
  if (/[{}]/.test(split.argv[0]!)) throw new CascadeError('CONFIG_INVALID', 'invalid configuration: the build command template must start with a program, not a placeholder');
  const template = split.argv;

  return {
    async build(spec: BuildSpec): Promise<BuildOutcome> {
      const log = createBuildLog(deps.logLimit);
      const [command, ...args] = expandTemplate(template, spec) as [string, ...string[]];
      const result = await runProcess({
        command, args, shown: shownCommand(command, args), log, cwd: spec.contextDir, timeoutMs: spec.timeoutMs, ...(spec.signal ? { signal: spec.signal } : {}),
      });
      const failure = processFailure(result, command, spec.timeoutMs, (code, output) => ({
        status: 'Failed',
        reason: oneLine(`the build command exited with ${code === null ? 'a signal' : `code ${code}`}${lastErrorLine(output) ? `: ${lastErrorLine(output)}` : ''}`),
        retryable: false,
      }));
      return failure === null ? { status: 'Succeeded', log: log.text() } : { ...failure, log: log.text() };
    },
  };
}
