/**
 * A deterministic corpus of realistic Dockerfiles: global ARGs with defaults and modifiers,
 * multi-stage builds with aliases, `COPY --from` stages, indexes and images, `RUN --mount from`,
 * `--platform`, pins and scratch.
 */
export function generateDockerfiles(count: number): string[] {
  return Array.from({ length: count }, (_, i) => generateDockerfile(i));
}

const BASES = ['node:20-alpine', 'golang:1.22', 'mcr.microsoft.com/dotnet/sdk:8.0', 'python:3.12-slim', 'eclipse-temurin:21-jdk', 'rust:1.80'];
const FINALS = ['gcr.io/distroless/static-debian12', 'alpine:3.20', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'scratch', 'debian:bookworm-slim'];

function generateDockerfile(i: number): string {
  const base = BASES[i % BASES.length]!;
  const final = FINALS[i % FINALS.length]!;
  const stages = 2 + (i % 4);
  const lines = [
    '# syntax=docker/dockerfile:1',
    `ARG REGISTRY=registry${i % 7}.example.com`,
    `ARG BASE_TAG=${i % 3 === 0 ? '1.0' : 'latest'}`,
    'ARG VARIANT',
    `FROM --platform=$BUILDPLATFORM ${base} AS deps`,
    'WORKDIR /src',
    'COPY package*.json ./',
    'RUN --mount=type=cache,target=/root/.cache echo install',
  ];
  for (let s = 1; s < stages; s += 1) {
    lines.push(`FROM \${REGISTRY}/team${i % 5}/builder-${s}:\${BASE_TAG}\${VARIANT:+-$VARIANT} AS stage${s}`);
    lines.push(`COPY --from=deps /src /src`);
    lines.push(`RUN --mount=type=bind,from=${s % 2 === 0 ? 'busybox:1.36' : 'deps'},target=/mnt echo build-${s}`);
    lines.push(`COPY --from=${i % 2 === 0 ? 'docker.io/library/alpine:3.19' : String(s - 1)} /etc/os-release /tmp/`);
  }
  lines.push(`FROM ${i % 11 === 0 ? `${final}@sha256:${'c'.repeat(64)}` : final}`);
  for (let s = 1; s < stages; s += 1) lines.push(`COPY --from=stage${s} /out /app/${s}`);
  lines.push('USER 65532', 'ENTRYPOINT ["/app/1/main"]');
  return `${lines.join('\n')}\n`;
}
