// Grants one principal the given storage data roles (blob/table/queue) on the account.
// Account scope because the Functions host creates its own containers and queues at
// run time, and the deployment package container lives in the same account.
import { principalTypeType } from '../types.bicep'

param storageAccountName string
param principalId string

// A role assignment's name must be known before deployment for what-if to predict it. The app's
// identity gets its principal id only once it is created, so the app passes the identity's name.
@description('Deploy-time value the assignment names derive from; defaults to principalId (people, partners).')
param assignmentNameSeed string = principalId

param principalType principalTypeType

@description('Built-in role definition GUIDs (see the role table in main.bicep).')
param roleDefinitionIds string[]

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(storage.id, assignmentNameSeed, roleDefinitionId)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]
