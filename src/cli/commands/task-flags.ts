import { InvalidArgumentError, Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseGitContext } from '../../context/git-context';
import { collectBuildArg, platformListOption } from '../options';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function booleanFlag(value: string): boolean {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new InvalidArgumentError('expected true or false');
}

/** The task flags of `az acr task create/update`, for both commands (none required here). */
export function addTaskFlags(command: Command, env: NodeJS.ProcessEnv): Command {
  return command
    .option('-t, --image <ref>', 'image to build and push, with its tag (repeatable)', collect)
    .option('-c, --context <path|url>', 'build context: a directory on the server, or a git URL with #ref')
    .option('-f, --file <path>', 'Dockerfile path inside the context (default: Dockerfile)')
    .option('--arg <NAME=VALUE>', 'build argument (repeatable)', collectBuildArg(env))
    .option('--target <stage>', 'the stage to build')
    .option('--platform <os/arch>', 'the platform to build, or several comma-separated for a multi-platform image (default: linux/amd64)', platformListOption)
    .option('--agent-pool <name>', 'the agent pool that builds it')
    .option('--base-image-trigger-enabled <true|false>', 'rebuild when a base image changes (default: true)', booleanFlag)
    .addOption(new Option('--base-image-trigger-type <type>', 'Runtime: the final stage\'s base only; All: every base (default: Runtime)').choices(['Runtime', 'All']))
    .option('--base-image-trigger-name <name>', 'the trigger\'s name (default: defaultBaseimageTriggerName)')
    .option('--update-trigger-endpoint <url>', 'URL notified when a base-image update triggers the task')
    .addOption(new Option('--update-trigger-payload-type <type>', 'Default: the JSON notification; Token: only the task\'s token').choices(['Default', 'Token']))
    .option('--timeout <seconds>', 'build timeout in seconds (default: 3600)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected whole seconds');
      return Number(v);
    });
}

export interface TaskFlags {
  image?: string[]; context?: string; file?: string; arg?: Record<string, string>; target?: string; platform?: string;
  agentPool?: string; baseImageTriggerEnabled?: boolean; baseImageTriggerType?: 'Runtime' | 'All';
  baseImageTriggerName?: string; updateTriggerEndpoint?: string; updateTriggerPayloadType?: 'Default' | 'Token'; timeout?: number;
}

/** The REST body for the flags given (absent flags are absent, so update changes only those). */
export function taskBody(flags: TaskFlags): Record<string, unknown> {
  const trigger = {
    ...(flags.baseImageTriggerEnabled !== undefined ? { enabled: flags.baseImageTriggerEnabled } : {}),
    ...(flags.baseImageTriggerType ? { type: flags.baseImageTriggerType } : {}),
    ...(flags.baseImageTriggerName ? { name: flags.baseImageTriggerName } : {}),
  };
  const entries: Array<[string, unknown]> = [
    ['images', flags.image], ['context', flags.context && serverContext(flags.context)], ['dockerfile', flags.file],
    ['buildArgs', flags.arg], ['target', flags.target], ['platform', flags.platform], ['agentPool', flags.agentPool],
    ['updateTriggerEndpoint', flags.updateTriggerEndpoint], ['updateTriggerPayloadType', flags.updateTriggerPayloadType], ['timeoutSeconds', flags.timeout],
    ['baseImageTrigger', Object.keys(trigger).length > 0 ? trigger : undefined],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/** The server reads local contexts itself: send a path that exists here as an absolute one. */
function serverContext(context: string): string {
  if (parseGitContext(context) !== null) return context;
  return existsSync(context) ? resolve(context) : context;
}
