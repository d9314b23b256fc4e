// Alerts for an operator: messages the app gave up on, a backlog that does not drain, messages that
// wait too long in the queue, failing functions and orders no driver takes. All go to one action group
// that e-mails the address given at deployment; main.bicep deploys none of this without that address.
import { tagsType } from '../../types.bicep'

param actionGroupName string
param alertEmail string
param serviceBusNamespaceName string
param ordersQueueName string
param applicationInsightsName string
param location string = resourceGroup().location
param tags tagsType = {}

@description('Active messages in the orders queue that count as a backlog when they never drain below it.')
param backlogThreshold int = 100

@description('How long the backlog must stay above the threshold (ISO 8601). A depth that does not drain, not an age: see the queue-wait alert.')
param backlogWindow string = 'PT15M'

@description('Longest wait (seconds) in the orders queue, from our send to the delivery, before the operator is told.')
param queueWaitThresholdSeconds int = 120

@description('Window (ISO 8601) the queue waits are read over; the rule runs every 5 minutes.')
param queueWaitWindow string = 'PT15M'

@description('Age (seconds) of the oldest order awaiting a driver in any zone before the operator is told; below Dispatch:MaxAwaitingDriver (30 min), where the order is dead-lettered.')
param awaitingDriverThresholdSeconds int = 600

@description('Window (ISO 8601) the awaiting-driver gauge is read over; the rule runs every 5 minutes.')
param awaitingDriverWindow string = 'PT15M'

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

// Service Bus has no "age of the oldest message" metric (its metrics are counts, sizes and rates;
// the runtime properties too). The minimum of ActiveMessages over the window staying above the
// threshold says the queue never drained below it: consumers stopped or fell behind. It is a depth,
// not an age (a queue steady at 100 that drains 100/s holds each message for a second), so the age
// is measured by the queue-wait alert below; this one also fires when nothing is delivered at all,
// which the queue-wait alert cannot see. Documented as such in docs/observability.md.
resource backlogAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'orders-backlog'
  location: 'global'
  tags: tags
  properties: {
    description: 'The orders queue never drained below ${backlogThreshold} active messages for ${backlogWindow} (a depth, not an age): consumers are stuck or too slow.'
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

// Log alerts (scheduled query rules) on the Application Insights resource, not metric alerts on
// custom metrics: with the workspace-based resource every OpenTelemetry signal lands in the workspace
// (customMetrics, requests, dependencies), where a query can read it the day it first appears. A
// metric alert on a custom metric needs the metric to exist when the rule is deployed (or
// skipMetricValidation), its dimensions only with "custom metric dimensions" opted in on the
// component, and it cannot join two spans, which the queue wait needs.
var everyFiveMinutes = 'PT5M'

// The age at delivery of every message the app sent itself, measured from our own spans (the
// producer's start to the consumer's): the honest "active messages older than a threshold".
resource queueWaitAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'orders-queue-wait'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'orders-queue-wait'
    description: 'A message waited more than ${queueWaitThresholdSeconds} s in the orders queue before a consumer got it: consumers are too few, too slow or paused by an open circuit.'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: everyFiveMinutes
    windowSize: queueWaitWindow
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: loadTextContent('queries/orders-queue-wait.kql')
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'longestWaitSeconds'
          operator: 'GreaterThan'
          threshold: queueWaitThresholdSeconds
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

// From our gauge dispatch.orders.awaiting_driver.oldest_age, one alert per zone (the zone dimension):
// a zone without enough drivers is a business problem an operator can act on (call drivers in)
// long before Dispatch:MaxAwaitingDriver dead-letters the order.
resource awaitingDriverAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'orders-awaiting-driver'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'orders-awaiting-driver'
    description: 'An order has awaited a driver for more than ${awaitingDriverThresholdSeconds} s in a zone: too few drivers are available there.'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: everyFiveMinutes
    windowSize: awaitingDriverWindow
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: loadTextContent('queries/orders-awaiting-driver.kql')
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'oldestAwaitingSeconds'
          dimensions: [
            {
              name: 'zone'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: awaitingDriverThresholdSeconds
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}
