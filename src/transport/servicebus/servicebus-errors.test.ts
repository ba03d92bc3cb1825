import { ServiceBusError } from '@azure/service-bus';
import { CascadeError } from '../../errors';
import { toCascadeError } from './servicebus-errors';

describe('toCascadeError', () => {
  it('keeps a CascadeError as it is', () => {
    const error = new CascadeError('DISPATCH_MESSAGE_TOO_LARGE', 'too large');

    expect(toCascadeError(error, 'send')).toBe(error);
  });

  it.each([
    ['ServiceBusy', true],
    ['ServiceTimeout', true],
    ['ServiceCommunicationProblem', true],
    ['UnauthorizedAccess', false],
    ['MessagingEntityNotFound', false],
    ['MessagingEntityDisabled', false],
  ] as const)('translates %s into DISPATCH_FAILED, retryable %s, with the code and the cause', (code, retryable) => {
    const cause = new ServiceBusError('it went wrong\nsecond line', code);

    const error = toCascadeError(cause, 'send to rebuilds');

    expect(error).toMatchObject({ code: 'DISPATCH_FAILED', retryable, message: `send to rebuilds: ${code}: it went wrong`, details: { serviceBusCode: code } });
    expect(error.cause).toBe(cause);
  });

  it('translates a lost message or session lock into LOCK_LOST', () => {
    expect(toCascadeError(new ServiceBusError('gone', 'MessageLockLost'), 'complete').code).toBe('LOCK_LOST');
    expect(toCascadeError(new ServiceBusError('gone', 'SessionLockLost'), 'complete').code).toBe('LOCK_LOST');
  });

  it("reads the last attempt's error out of the SDK's AggregateError", () => {
    const thrown = new AggregateError([new ServiceBusError('first', 'ServiceBusy'), new ServiceBusError('invalid signature', 'UnauthorizedAccess')], '');

    const error = toCascadeError(thrown, 'send to rebuilds');

    expect(error).toMatchObject({ code: 'DISPATCH_FAILED', retryable: false, message: 'send to rebuilds: UnauthorizedAccess: invalid signature' });
    expect(error.cause).toBe(thrown);
  });

  it('treats socket errors as retryable, naming their code', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5671'), { code: 'ECONNREFUSED' });

    expect(toCascadeError(socket, 'send')).toMatchObject({ code: 'DISPATCH_FAILED', retryable: true, message: 'send: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5671' });
    expect(toCascadeError(new Error(''), 'send').message).toBe('send: failed without a message');
  });
});
