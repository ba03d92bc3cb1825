export { createServiceBusAdmin } from './servicebus-admin';
export { createServiceBusAdministrationClient, createServiceBusClient, type ServiceBusConnectionOptions } from './servicebus-connection';
export { createServiceBusConsumer } from './servicebus-consumer';
export { toCascadeError } from './servicebus-errors';
export { createServiceBusPublisher, toServiceBusMessage } from './servicebus-publisher';
