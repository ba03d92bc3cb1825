import type { BuildSpec } from './builder';
import { expandTemplate, unknownPlaceholders } from './expand-template';

const spec: BuildSpec = {
  contextDir: '/ctx', dockerfile: 'docker/Dockerfile', images: ['r/app:1', 'r/app:latest'], buildArgs: { A: '1', B: 'x y' },
  target: 'runtime', platform: 'linux/arm64', timeoutMs: 1000,
};

describe('expandTemplate', () => {
  it('expands a docker buildx template', () => {
    const template = ['docker', 'buildx', 'build', '--push', '--platform', '{platform}', '-f', '{dockerfile}', '{image_flags}', '{build_args}', '--target', '{target}', '{context}'];

    expect(expandTemplate(template, spec)).toEqual([
      'docker', 'buildx', 'build', '--push', '--platform', 'linux/arm64', '-f', 'docker/Dockerfile',
      '-t', 'r/app:1', '-t', 'r/app:latest', '--build-arg', 'A=1', '--build-arg', 'B=x y', '--target', 'runtime', '/ctx',
    ]);
  });

  it('expands {images} to one argument per image and replaces inside arguments', () => {
    expect(expandTemplate(['tool', '--file={dockerfile}', '{images}', 'ctx:{context}'], spec)).toEqual(['tool', '--file=docker/Dockerfile', 'r/app:1', 'r/app:latest', 'ctx:/ctx']);
  });

  it.each([
    [['b', '--target', '{target}', '{context}'], ['b', '/ctx']],
    [['b', '--target={target}', '{context}'], ['b', '/ctx']],
    [['b', '-v', '--target={target}'], ['b', '-v']],
    [['b', 'stage-{target}', '{context}'], ['b', '/ctx']],
  ])('drops %j without a target', (template, argv) => {
    expect(expandTemplate(template, { ...spec, target: null })).toEqual(argv);
  });

  it('expands empty lists to nothing', () => {
    expect(expandTemplate(['b', '{build_args}', '{context}'], { ...spec, buildArgs: {} })).toEqual(['b', '/ctx']);
  });
});

describe('unknownPlaceholders', () => {
  it('names placeholders Cascade does not know, and ignores other braces', () => {
    expect(unknownPlaceholders(['b', '{imgaes}', '--format', '{{json .}}', 'x{contxt}y', '{context}'])).toEqual(['imgaes', 'contxt']);
  });
});
