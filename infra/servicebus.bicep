// The Service Bus entity Cascade publishes rebuilds to (docs/servicebus.md): a Standard namespace
// with a queue, or a topic with one subscription per agent pool, duplicate detection on, and data
// roles for the identities of the server (send) and the agents (receive).
//
//   az deployment group create -g <group> -f infra/servicebus.bicep \
//     -p namespaceName=<name> entityType=queue serverPrincipalId=<id> agentPrincipalId=<id>
//
// Then: CASCADE_TRANSPORT=servicebus SERVICEBUS_NAMESPACE=<name>.servicebus.windows.net
//       SERVICEBUS_ENTITY=<entityName> SERVICEBUS_ENTITY_TYPE=<entityType> SERVICEBUS_SESSIONS=<sessions>

@description('The Service Bus namespace (globally unique).')
param namespaceName string

param location string = resourceGroup().location

@description('SERVICEBUS_ENTITY')
param entityName string = 'rebuilds'

@description('SERVICEBUS_ENTITY_TYPE: a queue, or a topic with one subscription per agent pool.')
@allowed([
  'queue'
  'topic'
])
param entityType string = 'queue'

@description('Topic only: the agent pools, each a subscription with the filter agentPool = <pool>. The first is SERVICEBUS_SUBSCRIPTION (agents without --pool).')
param agentPools array = [
  'default'
]

@description('SERVICEBUS_SESSIONS: one task\'s builds never run at once.')
param sessions bool = false

@description('How long a resend is recognised and dropped (ISO 8601 duration).')
param duplicateDetectionWindow string = 'PT10M'

@description('Lock duration of a received message (the agent renews it during long builds).')
param lockDuration string = 'PT1M'

param maxDeliveryCount int = 10

@description('Object id of the identity running cascade serve (Data Sender, and Data Receiver for cascade dlq). Empty: no role assignment.')
param serverPrincipalId string = ''

@description('Object id of the identity running cascade agent (Data Receiver). Empty: no role assignment.')
param agentPrincipalId string = ''

var dataSender = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
var dataReceiver = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')

resource namespace 'Microsoft.ServiceBus/namespaces@2021-11-01' = {
  name: namespaceName
  location: location
  sku: {
    // Duplicate detection needs Standard or Premium.
    name: 'Standard'
    tier: 'Standard'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2021-11-01' = if (entityType == 'queue') {
  parent: namespace
  name: entityName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    requiresSession: sessions
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2021-11-01' = if (entityType == 'topic') {
  parent: namespace
  name: entityName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2021-11-01' = [for pool in agentPools: if (entityType == 'topic') {
  parent: topic
  name: pool
  properties: {
    requiresSession: sessions
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
  }
}]

// Replaces each subscription's default rule (match everything) with a correlation filter on the
// agentPool property, which Cascade sets on every message (the pool, or SERVICEBUS_SUBSCRIPTION).
resource poolFilters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2021-11-01' = [for (pool, i) in agentPools: if (entityType == 'topic') {
  parent: subscriptions[i]
  name: '$Default'
  properties: {
    filterType: 'CorrelationFilter'
    correlationFilter: {
      properties: {
        agentPool: pool
      }
    }
  }
}]

resource serverSends 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serverPrincipalId)) {
  scope: namespace
  name: guid(namespace.id, serverPrincipalId, dataSender)
  properties: {
    roleDefinitionId: dataSender
    principalId: serverPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource serverReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serverPrincipalId)) {
  scope: namespace
  name: guid(namespace.id, serverPrincipalId, dataReceiver)
  properties: {
    roleDefinitionId: dataReceiver
    principalId: serverPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource agentReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(agentPrincipalId)) {
  scope: namespace
  name: guid(namespace.id, agentPrincipalId, dataReceiver)
  properties: {
    roleDefinitionId: dataReceiver
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output namespaceHost string = '${namespace.name}.servicebus.windows.net'
output entity string = entityName
