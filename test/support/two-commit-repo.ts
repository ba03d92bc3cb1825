import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real git repository for context tests, served over file://: `app/Dockerfile` is
 * `FROM alpine:3.19` in the first commit (tag v1) and `FROM alpine:3.20` in the second (tag v2,
 * branch main).
 */
export function twoCommitRepo(): { dir: string; first: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cascade-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'pipe' }).toString().trim();
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM alpine:3.19\n');
  git('add', '.');
  git('commit', '-qm', 'one');
  git('tag', 'v1');
  const first = git('rev-parse', 'HEAD');
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM alpine:3.20\n');
  git('commit', '-qam', 'two');
  git('tag', 'v2');
  return { dir, first };
}
