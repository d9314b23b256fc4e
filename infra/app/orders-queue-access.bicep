// Grants one principal the given Service Bus data roles on the orders queue only.
// Scoped to the queue, not the namespace: a partner (or our app) gets no rights on any
// other entity added to the namespace later. The dead-letter subqueue
// (orders/$DeadLetterQueue) is part of the queue, so the queue scope covers it.
param serviceBusNamespaceName string
param queueName string
param principalId string

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string

@description('Built-in role definition GUIDs (see the role table in main.bicep).')
param roleDefinitionIds array

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = {
  parent: namespace
  name: queueName
}

resource queueRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(queue.id, principalId, roleDefinitionId)
    scope: queue
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
