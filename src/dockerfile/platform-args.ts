export const DEFAULT_PLATFORM = 'linux/amd64';

/**
 * BuildKit's automatic platform ARGs, predefined in the global scope
 * (https://docs.docker.com/build/building/variables/#pre-defined-build-arguments). The build
 * platform is the task's platform: our agents build natively, without emulation.
 * The platform is taken as written (`linux/arm64/v8` keeps its variant), not normalised.
 */
export function platformArgs(platform: string | undefined): Map<string, string> {
  const text = typeof platform === 'string' && platform.trim() !== '' ? platform.trim() : DEFAULT_PLATFORM;
  const [os = '', arch = '', variant = ''] = text.split('/');
  const args = new Map<string, string>();
  for (const prefix of ['TARGET', 'BUILD']) {
    args.set(`${prefix}PLATFORM`, text);
    args.set(`${prefix}OS`, os);
    args.set(`${prefix}ARCH`, arch);
    args.set(`${prefix}VARIANT`, variant);
  }
  return args;
}
