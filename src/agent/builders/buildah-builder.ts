import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budArgs, manifestArgs, pushArgs, removeArgs, type BuildahStorage } from './buildah-args';
import { budFailure, pushFailure } from './buildah-failure';
import { createBuildLog, type BuildLog } from './build-log';
import type { BuildOutcome, BuildSpec, Builder } from './builder';
import { dockerfileInContext } from './dockerfile-in-context';
import { processFailure, type Failure } from './process-outcome';
import { registriesConf } from './registries-conf';
import { runProcess } from './run-process';
import { shownCommand } from './shown-command';

export interface BuildahBuilderDeps {
  /** buildah's image store; vfs layers are full copies, so give it room. */
  readonly root: string;
  /** buildah's run state (locks, mounts); a tmpfs is fine. */
  readonly runroot: string;
  /** Registry hosts (`host[:port]`) reached over plain http or with an untrusted certificate. */
  readonly insecureRegistries: readonly string[];
  readonly buildahPath?: string;
  readonly logLimit?: number;
}

const CLEANUP_TIMEOUT_MS = 60_000;

/**
 * Builds with `buildah bud` and pushes each tag with `buildah push`, without a daemon or runc
 * (DESIGN.md §6). Needs root: chroot isolation and vfs storage both do.
 */
export function createBuildahBuilder(deps: BuildahBuilderDeps): Builder {
  const buildah = deps.buildahPath ?? 'buildah';
  const storage: BuildahStorage = { root: deps.root, runroot: deps.runroot };
  const conf = deps.insecureRegistries.length > 0 ? registriesConf(deps.insecureRegistries) : null;
  const insecure = new Set(deps.insecureRegistries);

  async function environment(scratch: string): Promise<NodeJS.ProcessEnv> {
    if (conf === null) return process.env;
    const path = join(scratch, 'registries.conf');
    await writeFile(path, conf);
    return { ...process.env, CONTAINERS_REGISTRIES_CONF: path };
  }

  async function buildAndPush(spec: BuildSpec, log: BuildLog, env: NodeJS.ProcessEnv): Promise<Failure | null> {
    const dockerfile = dockerfileInContext(spec.contextDir, spec.dockerfile);
    if (dockerfile === null) return { status: 'Failed', reason: `the Dockerfile ${spec.dockerfile} is outside the build context`, retryable: false };
    const deadline = Date.now() + spec.timeoutMs;
    const run = (args: string[]) => runProcess({
      command: buildah, args, shown: shownCommand('buildah', args), log, env, timeoutMs: deadline - Date.now(), ...(spec.signal ? { signal: spec.signal } : {}),
    });
    const platforms = spec.platform.split(',').map((platform) => platform.trim());
    if (platforms.length > 1) return buildAndPushList(spec, dockerfile, platforms, run, log, env);
    const bud = await run(budArgs(spec, dockerfile, storage));
    const built = processFailure(bud, 'buildah', spec.timeoutMs, (_code, output) => budFailure(output));
    if (built) return built;
    try {
      // One push per tag; blobs the registry already has are skipped, so later tags cost little.
      for (const image of spec.images) {
        const push = await run(pushArgs(image, storage));
        const pushed = processFailure(push, 'buildah', spec.timeoutMs, (_code, output) => pushFailure(output, image));
        if (pushed) return pushed;
      }
      return null;
    } finally {
      const args = removeArgs(spec.images, storage);
      await runProcess({ command: buildah, args, shown: shownCommand('buildah', args), log, env, timeoutMs: CLEANUP_TIMEOUT_MS });
    }
  }

  /**
   * A multi-platform image: one `bud` per platform into a local manifest list, then `manifest push
   * --all` to every tag (the registry gets an index with a child per platform). RUN steps for a
   * foreign architecture need qemu-user-static registered with binfmt on the agent's host.
   */
  async function buildAndPushList(
    spec: BuildSpec, dockerfile: string, platforms: readonly string[],
    run: (args: string[]) => ReturnType<typeof runProcess>, log: BuildLog, env: NodeJS.ProcessEnv,
  ): Promise<Failure | null> {
    const manifest = manifestArgs(storage);
    const list = `localhost/cascade-build-${randomUUID()}`;
    const built = platforms.map((_, i) => `${list}-${i}`);
    const step = async (args: string[], failure: (output: string) => Failure): Promise<Failure | null> =>
      processFailure(await run(args), 'buildah', spec.timeoutMs, (_code, output) => failure(output));
    try {
      for (const [i, platform] of platforms.entries()) {
        const failed = await step(budArgs(spec, dockerfile, storage, { platform, tags: [built[i]!] }), budFailure);
        if (failed) return failed;
      }
      const listFailure = (output: string): Failure => ({ status: 'Error', reason: `buildah manifest: ${output.trim().split('\n').at(-1) ?? 'failed'}`, retryable: false });
      const created = await step(manifest.create(list), listFailure);
      if (created) return created;
      for (const image of built) {
        const added = await step(manifest.add(list, image), listFailure);
        if (added) return added;
      }
      for (const image of spec.images) {
        const pushed = await step(manifest.push(list, image, insecure.has(image.split('/')[0]!)), (output) => pushFailure(output, image));
        if (pushed) return pushed;
      }
      return null;
    } finally {
      for (const args of [manifest.remove(list), removeArgs(built, storage)]) {
        await runProcess({ command: buildah, args, shown: shownCommand('buildah', args), log, env, timeoutMs: CLEANUP_TIMEOUT_MS });
      }
    }
  }

  return {
    async build(spec: BuildSpec): Promise<BuildOutcome> {
      const log = createBuildLog(deps.logLimit);
      const scratch = await mkdtemp(join(tmpdir(), 'cascade-build-'));
      try {
        const env = await environment(scratch);
        const failure = await buildAndPush(spec, log, env);
        return failure === null ? { status: 'Succeeded', log: log.text() } : { ...failure, log: log.text() };
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}
