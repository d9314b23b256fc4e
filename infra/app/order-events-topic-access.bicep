// Grants one principal the given Service Bus data roles on the order-events topic only (the app: Data Sender).
// Scoped to the topic, not the namespace, like the orders queue's grants.
import { principalTypeType } from '../types.bicep'

param serviceBusNamespaceName string
param topicName string
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

resource topicRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(topic.id, assignmentNameSeed, roleDefinitionId)
    scope: topic
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
