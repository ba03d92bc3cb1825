import type { Message } from 'rhea';
import { audiencePath, type ConnectionContext } from './connection-context';
import type { Reply } from './reply';
import { verifySasToken, type SasKey } from './sas';

/**
 * The `$cbs` put-token exchange: the client sends a SAS token for an audience before attaching
 * any link to it; a bad signature, key name, audience or expiry answers 401, which the client
 * raises as `UnauthorizedAccess`.
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-amqp-protocol-guide#claims-based-authorization
 */
export function handlePutToken(context: ConnectionContext, request: Message, key: SasKey, nowMs: number): Reply {
  const props: Record<string, unknown> = request.application_properties ?? {};
  if (props['operation'] !== 'put-token') return { status: 400, description: `unsupported operation '${String(props['operation'])}'` };
  if (typeof request.body !== 'string') return { status: 400, description: 'put-token body is not a string token' };
  const audience = typeof props['name'] === 'string' ? props['name'] : '';
  const checked = verifySasToken(request.body, key, nowMs);
  if (!checked.ok) return { status: 401, description: `Unauthorized: ${checked.reason}` };
  if (audiencePath(checked.audience) !== audiencePath(audience)) {
    return { status: 401, description: 'Unauthorized: the token audience does not match the requested audience' };
  }
  context.authorised.set(audiencePath(audience), checked.expiresAtMs);
  return { status: 202, description: 'Accepted' };
}
