// Grants one principal the given Service Bus data roles on one subscription of the order-events topic: a partner
// receives from its own subscription and can neither read another partner's nor send to the topic.
import { principalTypeType } from '../types.bicep'

param serviceBusNamespaceName string
param topicName string
param subscriptionName string
param principalId string

@description('Deploy-time value the assignment names derive from; defaults to principalId.')
param assignmentNameSeed string = principalId

param principalType principalTypeType

@description('Built-in role definition GUIDs (see the role table in main.bicep).')
param roleDefinitionIds string[]

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' existing = {
  parent: namespace
  name: topicName
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' existing = {
  parent: topic
  name: subscriptionName
}

resource subscriptionRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(subscription.id, assignmentNameSeed, roleDefinitionId)
    scope: subscription
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
