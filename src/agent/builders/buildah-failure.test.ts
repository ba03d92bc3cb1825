import { budFailure, pushFailure } from './buildah-failure';

// buildah 1.28's last lines, captured on this machine against docker-registry and scripted servers.
const IMAGE = '127.0.0.1:5055/app:1';

describe('budFailure', () => {
  it.each([
    ['subprocess exited with status 1\nError: building at STEP "RUN false": exit status 1', 'Failed', false],
    ['Error: building at STEP "RUN curl -f http://x || echo connection refused; exit 1": exit status 1', 'Failed', false],
    ['Error: creating build container: initializing source docker://127.0.0.1:5055/nobase:1: reading manifest 1 in 127.0.0.1:5055/nobase: manifest unknown: manifest unknown', 'Failed', false],
    ['Error: the specified Containerfile or Dockerfile does not exist, /ctx/Nope: no such file or directory', 'Failed', false],
    ['Error: creating build container: initializing source docker://127.0.0.1:5999/base:1: pinging container registry 127.0.0.1:5999: Get "https://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'Error', true],
    ['Error: creating build container: initializing source docker://127.0.0.1:5056/base:1: pinging container registry 127.0.0.1:5056: invalid status code from registry 503 (Service Unavailable)', 'Error', true],
    ['Error: creating build container: initializing source docker://r/base:1: reading manifest 1 in r/base: unauthorized: authentication required', 'Error', false],
    ['', 'Failed', false],
  ])('%s', (output, status, retryable) => {
    expect(budFailure(output)).toMatchObject({ status, retryable });
  });

  it('says which step failed', () => {
    expect(budFailure('STEP 2/2: RUN false\nError: building at STEP "RUN false": exit status 1\n').reason).toBe('the build failed: building at STEP "RUN false": exit status 1');
  });
});

describe('pushFailure', () => {
  it.each([
    ['Error: pushing image "a" to "docker://127.0.0.1:5056/app:1": trying to reuse blob sha256:77 at destination: pinging container registry 127.0.0.1:5056: invalid status code from registry 503 (Service Unavailable)', true],
    ['Error: pushing image "a" to "docker://127.0.0.1:5999/app:1": trying to reuse blob sha256:77 at destination: pinging container registry 127.0.0.1:5999: Get "https://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', true],
    ['Error: writing blob: uploading layer chunked: received unexpected HTTP status: 500 Internal Server Error', true],
    ['Error: pushing image "a" to "docker://r/app:1": writing manifest: uploading manifest 1 to r/app: toomanyrequests: slow down', true],
    ['Error: pushing image "a" to "docker://127.0.0.1:5057/app:1": trying to reuse blob sha256:77 at destination: checking whether a blob sha256:77 exists in 127.0.0.1:5057/app: unauthorized: authentication required', false],
    ['Error: pushing image "a" to "docker://r/app:1": writing manifest: uploading manifest 1 to r/app: denied: requested access to the resource is denied', false],
    ['Error: pushing image "a" to "docker://r/app:1": writing manifest: uploading manifest 1 to r/app: manifest invalid: manifest invalid', false],
  ])('%s', (output, retryable) => {
    const failure = pushFailure(output, IMAGE);

    expect(failure).toMatchObject({ status: 'Error', retryable });
    expect(failure.reason).toContain(IMAGE);
  });
});
