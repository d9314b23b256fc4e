// Alerts for an operator: messages the app gave up on, a backlog that does not drain, and failing
// functions. All go to one action group that e-mails the address given at deployment.
import { tagsType } from '../../types.bicep'

param actionGroupName string
param alertEmail string
param serviceBusNamespaceName string
param ordersQueueName string
param applicationInsightsName string
param tags tagsType = {}

@description('Active messages in the orders queue that count as a backlog when they never drain below it.')
param backlogThreshold int = 100

@description('How long the backlog must stay above the threshold (ISO 8601); stands in for "messages older than this".')
param backlogWindow string = 'PT15M'

@description('Failed function invocations (Application Insights failed requests) tolerated per 5 minutes.')
param failedInvocationsThreshold int = 0

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    enabled: true
    groupShortName: 'dispatch'
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var ordersQueueOnly = [
  {
    name: 'EntityName'
    operator: 'Include'
    values: [ordersQueueName]
  }
]

// An order in the dead-letter queue needs a person: it is kept with its reason until replayed.
resource deadLetteredAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'orders-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages were dead-lettered on the orders queue: see GET /api/deadletters, replay or purge them.'
    severity: 1
    enabled: true
    scopes: [namespace.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLetteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: ordersQueueOnly
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Service Bus has no "age of the oldest message" metric. The minimum of ActiveMessages over the
// window staying above the threshold means the queue never drained that far for the whole window,
// so some messages have waited about that long: an approximation, documented in docs/deploy.md.
resource backlogAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'orders-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'The orders queue kept more than ${backlogThreshold} active messages for ${backlogWindow}: consumers are stuck or too slow.'
    severity: 2
    enabled: true
    scopes: [namespace.id]
    evaluationFrequency: 'PT5M'
    windowSize: backlogWindow
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'ActiveMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'ActiveMessages'
          dimensions: ordersQueueOnly
          operator: 'GreaterThan'
          threshold: backlogThreshold
          timeAggregation: 'Minimum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Every function invocation is a request in Application Insights; a failed one is an exception
// or a 5xx that escaped the handlers.
resource functionFailuresAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'function-failures'
  location: 'global'
  tags: tags
  properties: {
    description: 'Function invocations failed: see Application Insights, Failures.'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'FailedRequests'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          operator: 'GreaterThan'
          threshold: failedInvocationsThreshold
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}
