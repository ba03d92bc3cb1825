import type { WebhookSourceName } from './webhook-source';

export interface SetupInstructionsInput {
  /** Where registries reach Cascade, e.g. `https://cascade.example.com`. */
  readonly baseUrl: string;
  /** The secret per source; a source missing here (or null, or empty) is disabled. */
  readonly secrets: Partial<Record<WebhookSourceName, string | null>>;
}

/**
 * Ready-to-paste set-up for every enabled source, printed at start. It contains the secrets, as
 * the registries need them: print it to the operator's terminal, never into the logs.
 */
export function formatSetupInstructions(input: SetupInstructionsInput): string {
  const base = input.baseUrl.replace(/\/+$/, '');
  const { acr, eventgrid, dockerhub, distribution } = input.secrets;
  return [
    'Cascade webhook set-up (replace <registry> with the registry\'s name):',
    section('Azure Container Registry webhook', acr, (secret) => [
      `az acr webhook create --registry <registry> --name cascade --actions push --uri ${shellQuote(`${base}/webhooks/acr`)} --headers ${shellQuote(`Authorization=Bearer ${secret}`)}`,
    ]),
    section('Azure Container Registry through Event Grid', eventgrid, (secret) => [
      'az eventgrid event-subscription create --name cascade' +
        ' --source-resource-id "$(az acr show --name <registry> --query id --output tsv)"' +
        ` --endpoint ${shellQuote(`${base}/webhooks/eventgrid?secret=${encodeURIComponent(secret)}`)}` +
        ' --included-event-types Microsoft.ContainerRegistry.ImagePushed',
    ]),
    section('Docker Hub (repository → Webhooks → destination URL)', dockerhub, (secret) => [`${base}/webhooks/dockerhub?secret=${encodeURIComponent(secret)}`]),
    section('CNCF distribution registry (config.yml)', distribution, (secret) => distributionConfig(`${base}/webhooks/distribution`, secret)),
  ].join('\n\n');
}

function section(title: string, secret: string | null | undefined, lines: (secret: string) => string[]): string {
  if (secret === undefined || secret === null || secret === '') return `${title}: disabled (no secret configured)`;
  return [`${title}:`, ...lines(secret)].join('\n');
}

/**
 * The registry's `notifications` block. Values are JSON strings, which YAML reads as
 * double-quoted scalars, so no secret can break the document. `ignore` keeps only manifest
 * events: blob pushes and our own lookups' pulls would otherwise queue behind each other.
 * https://distribution.github.io/distribution/about/configuration/#notifications
 */
function distributionConfig(url: string, secret: string): string[] {
  return [
    'notifications:',
    '  endpoints:',
    '    - name: cascade',
    `      url: ${JSON.stringify(url)}`,
    '      headers:',
    `        Authorization: [${JSON.stringify(`Bearer ${secret}`)}]`,
    '      timeout: 1s',
    '      threshold: 5',
    '      backoff: 1s',
    '      ignore:',
    '        mediatypes:',
    '          - application/octet-stream',
    '        actions:',
    '          - pull',
  ];
}

/** One POSIX shell word, whatever it contains. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
