// Grants one principal the given storage data roles (blob/table/queue) on the account.
// Account scope because the Functions host creates its own containers and queues at
// run time, and the deployment package container lives in the same account.
param storageAccountName string
param principalId string

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string

@description('Built-in role definition GUIDs (see the role table in main.bicep).')
param roleDefinitionIds array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(storage.id, principalId, roleDefinitionId)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
