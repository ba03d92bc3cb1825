import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const documented = readFileSync(join(root, '.env.example'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const read = [...new Set(sources(join(root, 'src')).flatMap((file) => readFileSync(file, 'utf8').match(/\bCASCADE_[A-Z_]+[A-Z]\b/g) ?? []))].sort();

describe('.env.example', () => {
  it('finds the variables the code reads', () => {
    expect(read.length).toBeGreaterThan(10);
  });

  it.each(read)('documents %s', (name) => {
    expect(documented).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
