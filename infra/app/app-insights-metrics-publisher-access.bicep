// Grants one principal Monitoring Metrics Publisher on Application Insights, which is
// what Entra ID-authenticated telemetry ingestion requires once local auth is disabled.
import { principalTypeType } from '../types.bicep'

param applicationInsightsName string
param principalId string

// A role assignment's name must be known before deployment for what-if to predict it. The app's
// identity gets its principal id only once it is created, so the app passes the identity's name.
@description('Deploy-time value the assignment names derive from; defaults to principalId (people, partners).')
param assignmentNameSeed string = principalId

param principalType principalTypeType

@description('Monitoring Metrics Publisher role definition GUID (see the role table in main.bicep).')
param monitoringMetricsPublisherRoleId string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource metricsPublisherRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, assignmentNameSeed, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
  }
}
