import { InvalidArgumentError } from 'commander';

/** Repeatable `NAME=VALUE`; a bare `NAME` takes its value from the environment, as docker build does. */
export function collectBuildArg(env: NodeJS.ProcessEnv) {
  return (value: string, previous: Record<string, string>): Record<string, string> => {
    const eq = value.indexOf('=');
    const name = eq === -1 ? value : value.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InvalidArgumentError(`"${name}" is not a valid build arg name`);
    const resolved = eq === -1 ? env[name] : value.slice(eq + 1);
    return resolved === undefined ? previous : { ...previous, [name]: resolved };
  };
}

export function outputFormat(allowed: readonly string[]) {
  return (value: string): string => {
    if (!allowed.includes(value)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value;
  };
}

export function platformOption(value: string): string {
  if (!/^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/i.test(value)) throw new InvalidArgumentError('expected OS/ARCH[/VARIANT], e.g. linux/amd64');
  return value;
}

/** `task create|update --platform`: one platform, or several comma-separated (a multi-platform image). */
export function platformListOption(value: string): string {
  for (const one of value.split(',')) platformOption(one.trim());
  return value;
}
