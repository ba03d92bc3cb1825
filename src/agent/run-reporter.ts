import { callCascade } from '../http/http-json';
import type { RunReport } from '../store/store';

/** The agent's reports on a run to the server (`/api/runs/<id>/start|status|result`). */
export function createRunReporter(options: { server: string; token: string; agent: string }) {
  const base = options.server.replace(/\/+$/, '');
  const path = (runId: string, what: string) => `/api/runs/${encodeURIComponent(runId)}/${what}`;
  return {
    start: (runId: string) => callCascade<unknown>(base, options.token, 'POST', path(runId, 'start'), { agent: options.agent }),
    running: (runId: string) => callCascade<void>(base, options.token, 'POST', path(runId, 'status'), { status: 'Running' }),
    finish: (runId: string, report: Omit<RunReport, 'logTail'>) => callCascade<unknown>(base, options.token, 'POST', path(runId, 'result'), report),
  };
}

export type RunReporter = ReturnType<typeof createRunReporter>;
