export { formatImageRef, isPinned } from './image-ref';
export type { ImageRef, ImageRefResult } from './image-ref';
export { parseImageRef } from './parse-image-ref';
export { DOCKER_HUB, DOCKER_HUB_API_HOST, isDockerHubAlias } from './docker-hub';
export { requireImageRef } from './require-image-ref';
