import type { BuildSpec } from './builder';

export const PLACEHOLDERS = ['context', 'dockerfile', 'platform', 'target', 'images', 'image_flags', 'build_args'] as const;

/** The placeholders of an argument that Cascade does not know, e.g. a typo like `{imgaes}`. */
export function unknownPlaceholders(argv: readonly string[]): string[] {
  const known: readonly string[] = PLACEHOLDERS;
  return argv.flatMap((arg) => [...arg.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1]!).filter((name) => !known.includes(name)));
}

/**
 * The template's arguments for one build. List placeholders must stand alone as an argument and
 * expand to several: `{images}` (one per image), `{image_flags}` (`-t <image>` pairs),
 * `{build_args}` (`--build-arg K=V` pairs). The others are replaced inside any argument:
 * `{context}` (the context directory), `{dockerfile}` (relative to it, as the task gives it; the
 * command runs in the context directory), `{platform}`, `{target}`.
 *
 * Without a target, an argument holding `{target}` is dropped, and so is the argument before it
 * when that one is a flag (starts with `-`) and the dropped one is not: `--target {target}` and
 * `--target={target}` both vanish whole.
 */
export function expandTemplate(argv: readonly string[], spec: BuildSpec): string[] {
  const scalars: Record<string, string> = { context: spec.contextDir, dockerfile: spec.dockerfile, platform: spec.platform, target: spec.target ?? '' };
  const out: string[] = [];
  for (const arg of argv) {
    if (arg === '{images}') out.push(...spec.images);
    else if (arg === '{image_flags}') out.push(...spec.images.flatMap((image) => ['-t', image]));
    else if (arg === '{build_args}') out.push(...Object.entries(spec.buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]));
    else if (spec.target === null && arg.includes('{target}')) {
      if (out.at(-1)?.startsWith('-') && !arg.startsWith('-')) out.pop();
    } else out.push(arg.replace(/\{(context|dockerfile|platform|target)\}/g, (_match, name: string) => scalars[name] ?? ''));
  }
  return out;
}
