import { startCascade, WEBHOOK_SECRET, type TestCascade } from './cascade-server';
import { freePort } from './free-port';
import { startRegistry, type RunningRegistry } from './registry';

/**
 * Debian's docker-registry notifying an in-process Cascade at `/webhooks/distribution`, with the
 * registry allowed (insecure) in CASCADE_REGISTRIES: the whole trigger loop on real parts. `env`
 * adds to (or overrides) Cascade's settings.
 */
export async function startNotifiedCascade(env: Record<string, string> = {}): Promise<{ registry: RunningRegistry; cascade: TestCascade }> {
  const port = await freePort();
  const registry = await startRegistry({
    notifications: { url: `http://127.0.0.1:${port}/webhooks/distribution`, headers: { Authorization: [`Bearer ${WEBHOOK_SECRET}`] } },
  });
  try {
    const cascade = await startCascade({ CASCADE_PORT: String(port), CASCADE_REGISTRIES: JSON.stringify([{ host: registry.host, insecure: true }]), ...env });
    return { registry, cascade };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}
