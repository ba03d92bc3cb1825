import { lastErrorLine, oneLine, type Failure } from './process-outcome';

/**
 * Faults that pass: the network, a registry 5xx or 429. Matched against buildah's own `Error:`
 * line only, e.g. `… pinging container registry r: invalid status code from registry 503
 * (Service Unavailable)` or `… dial tcp 127.0.0.1:5999: connect: connection refused`.
 */
const TRANSIENT = /connection refused|connection reset|broken pipe|i\/o timeout|no such host|server misbehaving|network is unreachable|tls handshake timeout|unexpected eof|: eof\b|(status|code)\D{0,30}(5\d\d|429)\b|too many requests|toomanyrequests/i;
/** `unauthorized: authentication required`, `requested access to the resource is denied`, 401/403. */
const AUTH = /unauthorized|authentication required|access to the resource is denied|denied:|forbidden|(status|code)\D{0,30}40[13]\b/i;

/** Registry trouble: transient faults are retryable, a refusal is not (retrying will not help). */
function registryFailure(line: string, what: string): Failure | null {
  if (AUTH.test(line)) return { status: 'Error', reason: oneLine(`the registry refused ${what}: ${line}`), retryable: false };
  if (TRANSIENT.test(line)) return { status: 'Error', reason: oneLine(`${what} failed for now: ${line}`), retryable: true };
  return null;
}

/**
 * A non-zero `buildah bud`. A failing step is the Dockerfile's fault (`Failed`), whatever words
 * its command line holds; pulling a base can meet the same registry trouble as a push.
 */
export function budFailure(output: string): Failure {
  const line = lastErrorLine(output);
  if (!/^building at STEP/i.test(line)) {
    const registry = registryFailure(line, 'pulling a base image');
    if (registry) return registry;
  }
  return { status: 'Failed', reason: oneLine(`the build failed: ${line || 'buildah bud exited non-zero'}`), retryable: false };
}

/** A non-zero `buildah push`: the image was built, so this is never the Dockerfile's fault. */
export function pushFailure(output: string, image: string): Failure {
  const line = lastErrorLine(output);
  return registryFailure(line, `pushing ${image}`)
    ?? { status: 'Error', reason: oneLine(`pushing ${image} failed: ${line || 'buildah push exited non-zero'}`), retryable: false };
}
