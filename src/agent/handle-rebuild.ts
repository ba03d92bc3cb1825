import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RebuildRequest } from '../core/rebuild-message';
import { primaryPlatform } from '../core/task-platforms';
import { isCascadeError } from '../errors';
import { requireImageRef } from '../image-ref';
import type { Logger } from '../logger';
import type { RegistryClient } from '../registry';
import type { RunReport } from '../store/store';
import type { Consumer, ReceivedMessage } from '../transport/transport';
import type { Builder, BuildOutcome } from './builders/builder';
import { prepareContext } from '../context/prepare-context';
import { dependenciesUsed } from './dependencies-used';
import { keepLock } from './keep-lock';
import { parseRebuildRequest } from './rebuild-request-schema';
import type { RunReporter } from './run-reporter';

export interface RebuildHandlerDeps {
  readonly consumer: Consumer;
  readonly reporter: RunReporter;
  readonly builder: Builder;
  readonly registry: Pick<RegistryClient, 'resolveDigest' | 'inspectManifest'>;
  readonly logger: Logger;
}

export type Settlement = 'completed' | 'abandoned' | 'dead-lettered';

const why = (error: unknown) => (isCascadeError(error) ? `${error.code}: ${error.message}` : (error as Error).message);

/**
 * One rebuild message, start to settlement (DESIGN.md §6): mark the run started, build and push,
 * read back what was pushed, report, and only then settle. Transient failures abandon the
 * message (it comes back); permanent ones dead-letter it with the reason the run also records.
 */
export function createRebuildHandler(deps: RebuildHandlerDeps) {
  const { consumer, reporter } = deps;

  async function finish(message: ReceivedMessage, request: RebuildRequest, report: Omit<RunReport, 'logTail'>, retryable: boolean): Promise<Settlement> {
    if (retryable) {
      await consumer.abandon(message.lockToken);
      return 'abandoned';
    }
    await reporter.finish(request.runId, report);
    if (report.status === 'Succeeded') {
      await consumer.complete(message.lockToken);
      return 'completed';
    }
    await consumer.deadLetter(message.lockToken, report.status === 'Timeout' ? 'BuildTimeout' : report.status === 'Failed' ? 'BuildFailed' : 'BuildError', report.reason ?? report.status);
    return 'dead-lettered';
  }

  async function build(request: RebuildRequest, log: Logger): Promise<{ report: Omit<RunReport, 'logTail'>; retryable: boolean }> {
    const { task } = request;
    const failed = (reason: string, retryable: boolean, buildLog = '') => ({ report: { status: 'Error' as const, reason, outputImages: [], dependencies: null, log: buildLog }, retryable });
    let context: Awaited<ReturnType<typeof prepareContext>>;
    try {
      context = await prepareContext(task.context, 120_000);
    } catch (error) {
      return failed(why(error), false);
    }
    try {
      const dockerfileText = await readFile(resolve(context.dir, task.dockerfile), 'utf8').catch(() => null);
      if (dockerfileText === null) return failed(`DOCKERFILE_NOT_FOUND: ${task.dockerfile} is not in the build context`, false);
      await reporter.running(request.runId);
      const outcome: BuildOutcome = await deps.builder.build({
        contextDir: context.dir, dockerfile: task.dockerfile, images: task.images, buildArgs: task.buildArgs,
        target: task.target, platform: task.platform, timeoutMs: task.timeoutSeconds * 1000,
      });
      if (outcome.status !== 'Succeeded') {
        log.warn({ status: outcome.status, reason: outcome.reason }, 'build did not succeed');
        return { report: { status: outcome.status, reason: outcome.reason, outputImages: [], dependencies: null, log: outcome.log }, retryable: outcome.retryable };
      }
      const pushed = await Promise.all(task.images.map(async (ref) => ({ ref, ...(await deps.registry.inspectManifest(requireImageRef(ref), { platform: primaryPlatform(task.platform) })) })));
      const used = await dependenciesUsed(request, dockerfileText, pushed[0]?.annotations ?? {}, deps.registry);
      return { report: { status: 'Succeeded', reason: null, outputImages: pushed.map(({ ref, digest }) => ({ ref, digest })), dependencies: used, log: outcome.log }, retryable: false };
    } catch (error) {
      return failed(why(error), isCascadeError(error) ? error.retryable : true);
    } finally {
      await context.dispose();
    }
  }

  return async function handle(message: ReceivedMessage): Promise<Settlement> {
    const parsed = parseRebuildRequest(message.body);
    if (!parsed.ok) {
      await consumer.deadLetter(message.lockToken, 'UnsupportedMessage', parsed.reason);
      return 'dead-lettered';
    }
    const request = parsed.request;
    const log = deps.logger.child({ runId: request.runId, task: request.task.name, messageId: message.messageId, delivery: message.deliveryCount });
    try {
      await reporter.start(request.runId);
    } catch (error) {
      if (isCascadeError(error) && error.code === 'RUN_FINISHED') {
        // Another delivery already finished it (its settlement was lost): nothing left to do.
        await consumer.complete(message.lockToken);
        return 'completed';
      }
      if (isCascadeError(error) && error.code === 'RUN_NOT_FOUND') {
        await consumer.deadLetter(message.lockToken, 'RunNotFound', `run ${request.runId} no longer exists (task deleted?)`);
        return 'dead-lettered';
      }
      log.warn({ reason: why(error) }, 'cannot mark the run started; releasing the message');
      await consumer.abandon(message.lockToken);
      return 'abandoned';
    }
    const lock = keepLock(consumer, message, log);
    try {
      log.info('build started');
      const { report, retryable } = await build(request, log);
      lock.stop();
      const settlement = await finish(message, request, report, retryable);
      log.info({ status: report.status, settlement, outputs: report.outputImages }, 'build finished');
      return settlement;
    } catch (error) {
      lock.stop();
      log.error({ reason: why(error) }, 'could not report or settle; the message will come back');
      await consumer.abandon(message.lockToken).catch(() => undefined);
      return 'abandoned';
    }
  };
}
