import { describe } from '@jest/globals';
import type { OpenStore } from './contract/contract-fixtures';
import { describeEventCompletionContract } from './contract/describe-event-completion-contract';
import { describeInboxContract } from './contract/describe-inbox-contract';
import { describeOutboxContract } from './contract/describe-outbox-contract';
import { describeQueueReceiveContract } from './contract/describe-queue-receive-contract';
import { describeQueueSettleContract } from './contract/describe-queue-settle-contract';
import { describeRunContract } from './contract/describe-run-contract';
import { describeRunOutcomeContract } from './contract/describe-run-outcome-contract';
import { describeSettleWindowContract } from './contract/describe-settle-window-contract';
import { describeTaskContract } from './contract/describe-task-contract';
import { describeWatchedRefsContract } from './contract/describe-watched-refs-contract';

export type { ContractStore, OpenStore } from './contract/contract-fixtures';

/**
 * The behaviour every Store & LocalQueueStore adapter must show (DESIGN.md §4), as jest suites.
 * Each test opens a fresh store with `open` and closes it afterwards; time is the caller's `now`,
 * except the stamps the store writes itself (createdAt, processedAt), read from the wall clock.
 */
export function describeStoreContract(adapterName: string, open: OpenStore): void {
  describe(`store contract: ${adapterName}`, () => {
    describeTaskContract(open);
    describeInboxContract(open);
    describeEventCompletionContract(open);
    describeRunContract(open);
    describeRunOutcomeContract(open);
    describeOutboxContract(open);
    describeQueueReceiveContract(open);
    describeQueueSettleContract(open);
    describeSettleWindowContract(open);
    describeWatchedRefsContract(open);
  });
}
