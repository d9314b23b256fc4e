// Service Bus namespace and the orders queue (`orders-by-zone`) that both our HTTP intake and partner
// systems send to, in sessions keyed by the order's zone. Local (SAS key) auth is disabled: senders and receivers need an
// Entra ID role on the queue, which is how partner access is granted and revoked.
import { tagsType } from '../../types.bicep'

param name string
param location string = resourceGroup().location
param tags tagsType = {}

@description('Standard is the cheapest tier with duplicate detection and scheduled messages; Premium adds isolation and predictable latency.')
@allowed(['Standard', 'Premium'])
param skuName string = 'Standard'

param queueName string = 'orders-by-zone'

@description('How long a receiver holds a message before it is redelivered. Must cover one assignment attempt (a few table round-trips).')
param lockDuration string = 'PT1M'

@description('Deliveries before Service Bus dead-letters a message that keeps failing transiently.')
param maxDeliveryCount int = 10

// PT1H: a partner that times out on a send retries with the same MessageId (= orderId),
// and so does our own intake after an ambiguous send failure; both retry within minutes,
// so one hour outlasts them with margin and the copy is dropped by the bus itself.
// The flip side: an intentional re-publish of the same order inside the window (sweeper,
// AwaitingDriver retry, dead-letter replay) must carry a new MessageId, or it is dropped too.
// requiresDuplicateDetection can only be set when the queue is created; turning it off or
// on later means deleting and re-creating the queue.
@description('Duplicate detection history window (ISO 8601). Must outlast partner retries and our own resend paths.')
param duplicateDetectionHistoryTimeWindow string = 'PT1H'

@description('Messages older than this are dead-lettered (not dropped), so an unprocessed order is never silently lost.')
param defaultMessageTimeToLive string = 'P14D'

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: defaultMessageTimeToLive
    enableBatchedOperations: true
    // One receiver holds a zone's session at a time, so scaled-out instances do not race for the same drivers
    // (ETag conflicts fall to 0 and a zone's partition is read once per order, docs/performance.md). Senders
    // must set SessionId = the order's zone; Service Bus refuses a message without one.
    requiresSession: true
  }
}

output namespaceName string = namespace.name
output queueName string = queue.name
// Built from the resource's own endpoint so sovereign clouds get the right suffix.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '://')[1], ':')[0]
