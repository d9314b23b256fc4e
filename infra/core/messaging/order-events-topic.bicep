// The `order-events` topic the app publishes order events to (CloudEvents, AMQP binary mode), and its
// subscriptions: one for operations (every event) and one per partner, named after the partner's `source`
// and filtered on the `source` application property, so a partner hears about its own orders and refusals only.
// Each subscription is its own entity with its own peek-lock, delivery count and dead-letter sub-queue.
import { eventPartnerType } from '../../types.bicep'

param serviceBusNamespaceName string

param topicName string = 'order-events'

@description('Partners (their `source`, as set on their order messages). Each gets a subscription of that name; subscription names allow letters, digits, ".", "-" and "_", so a source can never break out of the filter\'s quotes.')
param partners eventPartnerType[] = []

param operationsSubscriptionName string = 'operations'

// PT1H, as on the orders queue: far longer than the relay's sweep delay (Dispatch:StaleAfter, 2 minutes), so
// a re-send of an event whose first send was not acknowledged (same MessageId = event id) is dropped here.
@description('Duplicate detection history window (ISO 8601). Must outlast the event relay\'s re-send after a crash.')
param duplicateDetectionHistoryTimeWindow string = 'PT1H'

@description('How long a partner\'s receiver holds an event before it is redelivered.')
param lockDuration string = 'PT1M'

param maxDeliveryCount int = 10

@description('Events a subscriber does not read within this time are dead-lettered in its subscription, not dropped.')
param defaultMessageTimeToLive string = 'P14D'

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionHistoryTimeWindow
    defaultMessageTimeToLive: defaultMessageTimeToLive
    enableBatchedOperations: true
    supportOrdering: true
  }
}


// Every subscription has the same delivery settings; the operations one has no rule of its own: the $Default rule (1=1) passes every event.
resource operations 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = {
  parent: topic
  name: operationsSubscriptionName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    defaultMessageTimeToLive: defaultMessageTimeToLive
    enableBatchedOperations: true
    requiresSession: false
  }
}

resource partnerSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = [
  for partner in partners: {
    parent: topic
    name: partner.source
    properties: {
      lockDuration: lockDuration
      maxDeliveryCount: maxDeliveryCount
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
      defaultMessageTimeToLive: defaultMessageTimeToLive
      enableBatchedOperations: true
      requiresSession: false
    }
  }
]

// Named $Default so it replaces the catch-all rule a new subscription starts with; a second rule would be OR-ed with it.
resource partnerFilters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2026-01-01' = [
  for (partner, i) in partners: {
    parent: partnerSubscriptions[i]
    name: '$Default'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        sqlExpression: 'source = \'${partner.source}\''
      }
    }
  }
]

output topicName string = topic.name
output operationsSubscriptionName string = operations.name
