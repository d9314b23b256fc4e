// Grants one principal the given Service Bus data roles on the orders queue only.
// Scoped to the queue, not the namespace: a partner (or our app) gets no rights on any
// other entity added to the namespace later. The dead-letter subqueue
// (orders/$DeadLetterQueue) is part of the queue, so the queue scope covers it.
import { principalTypeType } from '../types.bicep'

param serviceBusNamespaceName string
param queueName string
param principalId string

// A role assignment's name must be known before deployment for what-if to predict it. The app's
// identity gets its principal id only once it is created, so the app passes the identity's name.
@description('Deploy-time value the assignment names derive from; defaults to principalId (people, partners).')
param assignmentNameSeed string = principalId

param principalType principalTypeType

@description('Built-in role definition GUIDs (see the role table in main.bicep).')
param roleDefinitionIds string[]

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' existing = {
  parent: namespace
  name: queueName
}

resource queueRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(queue.id, assignmentNameSeed, roleDefinitionId)
    scope: queue
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
