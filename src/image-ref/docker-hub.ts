/** Every spelling of Docker Hub's host, canonicalised to `docker.io` (DESIGN.md §2). */
export const DOCKER_HUB = 'docker.io';

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export function isDockerHubAlias(host: string): boolean {
  return DOCKER_HUB_ALIASES.has(host);
}

/** The host that actually serves the v2 API for Docker Hub. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';
