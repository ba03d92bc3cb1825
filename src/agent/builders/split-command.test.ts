import { splitCommand } from './split-command';

describe('splitCommand', () => {
  it.each([
    ['docker buildx build --push {context}', ['docker', 'buildx', 'build', '--push', '{context}']],
    ['  az   acr build\t-r  reg  ', ['az', 'acr', 'build', '-r', 'reg']],
    [`sh -c 'echo "$@" > out' sh {images}`, ['sh', '-c', 'echo "$@" > out', 'sh', '{images}']],
    ['echo "a \\"quoted\\" \\\\ word" \'it\'"s"', ['echo', 'a "quoted" \\ word', 'its']],
    ['echo "\\n" \\$HOME a\\ b', ['echo', '\\n', '$HOME', 'a b']],
    [`echo '' ""`, ['echo', '', '']],
    ['echo $(rm -rf /) `id` ; true', ['echo', '$(rm', '-rf', '/)', '`id`', ';', 'true']],
  ])('%s', (line, argv) => {
    expect(splitCommand(line)).toEqual({ ok: true, argv });
  });

  it.each([
    ['echo "open', 'the command has an unterminated " quote'],
    ["echo 'open", "the command has an unterminated ' quote"],
    ['echo \\', 'the command ends with a lone backslash'],
    ['   ', 'the command is empty'],
  ])('refuses %s', (line, reason) => {
    expect(splitCommand(line)).toEqual({ ok: false, reason });
  });
});
