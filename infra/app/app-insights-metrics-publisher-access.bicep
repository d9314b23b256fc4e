// Grants one principal Monitoring Metrics Publisher on Application Insights, which is
// what Entra ID-authenticated telemetry ingestion requires once local auth is disabled.
param applicationInsightsName string
param principalId string

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string

@description('Monitoring Metrics Publisher role definition GUID (see the role table in main.bicep).')
param monitoringMetricsPublisherRoleId string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource metricsPublisherRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
  }
}
