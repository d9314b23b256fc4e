// Entry point for `azd up`: creates the resource group and everything the order-dispatch
// app needs in it. Every connection is identity-based; no key or connection string with a
// secret is created, read or stored anywhere.
targetScope = 'subscription'

import { eventPartnerType } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used in the resource group name and the resource token.')
param environmentName string

@minLength(1)
@description('Region for all resources. Must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user running azd, granted the same data roles as the app so local runs against Azure work. Empty skips it.')
param principalId string = ''

@description('Kind of principal principalId is: User when a person runs azd, ServicePrincipal for CI.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Object ids of partner service principals allowed to send to the orders queue (and nothing else).')
param partnerPrincipalIds string[] = []

@description('Partners that hear about their orders on the order-events topic: each gets a subscription named after its `source`, filtered on it, and its principal Data Receiver on that subscription only.')
param eventPartners eventPartnerType[] = []

@minLength(1)
@description('Application (client) id of the Entra ID app registration that protects the HTTP API (App Service authentication). Required: without it the API would answer to anyone holding a function key.')
param authClientId string

@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

param resourceGroupName string = ''

@description('E-mail address that gets the operator alerts (dead letters, backlog, queue wait, function failures, orders awaiting a driver). Empty: no alerts are deployed.')
param alertEmail string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// Names are computed here, not read back from module outputs, so every resource id is known
// before deployment (what-if can predict the role assignments); dependsOn keeps the order.
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var serviceBusNamespaceName = '${abbrs.serviceBusNamespaces}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
// Flex Consumption pulls the app package from this container with the app's identity.
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}'
// Session-enabled, every message's SessionId its order's zone (docs/performance.md). A queue cannot be switched to
// sessions once created, so it is a new name: a namespace deployed before keeps its old 'orders' queue, drained as
// docs/deployment.md says, and nothing sends to it any more.
var ordersQueueName = 'orders-by-zone'
var orderEventsTopicName = 'order-events'
var operationsSubscriptionName = 'operations'
var tableNames = {
  dispatch: 'Dispatch'
  directory: 'Directory'
  deadLetters: 'DeadLetters'
}

// Built-in role definitions, in one place. GUIDs are fixed across all Azure tenants.
var roles = {
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0' // Azure Service Bus Data Receiver
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher
}

// Blob Owner (not Contributor): the Functions host manages blob leases and containers.
var storageDataRoles = [
  roles.storageBlobDataOwner
  roles.storageTableDataContributor
  roles.storageQueueDataContributor
]
var ordersQueueConsumerRoles = [
  roles.serviceBusDataSender
  roles.serviceBusDataReceiver
]

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

// Looking an order up by id (workbook + query pack) needs no alert e-mail: always deployed.
module orderTrace 'core/monitor/order-trace.bicep' = {
  name: 'order-trace'
  scope: rg
  params: {
    applicationInsightsName: applicationInsightsName
    queryPackName: '${abbrs.operationalInsightsQueryPacks}${resourceToken}'
    location: location
    tags: tags
  }
  dependsOn: [monitoring]
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [deploymentStorageContainerName]
    tableNames: [tableNames.dispatch, tableNames.directory, tableNames.deadLetters]
  }
}

module messaging 'core/messaging/service-bus.bicep' = {
  name: 'messaging'
  scope: rg
  params: {
    name: serviceBusNamespaceName
    location: location
    tags: tags
    skuName: serviceBusSku
    queueName: ordersQueueName
  }
}

module orderEvents 'core/messaging/order-events-topic.bicep' = {
  name: 'order-events'
  scope: rg
  params: {
    serviceBusNamespaceName: serviceBusNamespaceName
    topicName: orderEventsTopicName
    operationsSubscriptionName: operationsSubscriptionName
    partners: eventPartners
  }
  dependsOn: [messaging]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentStorageContainerName: deploymentStorageContainerName
    tableNames: tableNames
    serviceBusFullyQualifiedNamespace: messaging.outputs.fullyQualifiedNamespace
    ordersQueueName: ordersQueueName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    authClientId: authClientId
  }
  dependsOn: [storage]
}

// --- What the app's identity may do -------------------------------------------------

module apiOrdersQueueAccess 'app/orders-queue-access.bicep' = {
  name: 'api-orders-queue-access'
  scope: rg
  params: {
    serviceBusNamespaceName: serviceBusNamespaceName
    queueName: ordersQueueName
    principalId: identity.outputs.principalId
    assignmentNameSeed: identityName
    principalType: 'ServicePrincipal'
    roleDefinitionIds: ordersQueueConsumerRoles
  }
  dependsOn: [messaging]
}

module apiStorageDataAccess 'app/storage-data-access.bicep' = {
  name: 'api-storage-data-access'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    principalId: identity.outputs.principalId
    assignmentNameSeed: identityName
    principalType: 'ServicePrincipal'
    roleDefinitionIds: storageDataRoles
  }
  dependsOn: [storage]
}

module apiAppInsightsMetricsPublisherAccess 'app/app-insights-metrics-publisher-access.bicep' = {
  name: 'api-app-insights-metrics-publisher-access'
  scope: rg
  params: {
    applicationInsightsName: applicationInsightsName
    principalId: identity.outputs.principalId
    assignmentNameSeed: identityName
    principalType: 'ServicePrincipal'
    monitoringMetricsPublisherRoleId: roles.monitoringMetricsPublisher
  }
  dependsOn: [monitoring]
}

// --- The same data roles for the developer running azd (local runs against Azure) ---

module userOrdersQueueAccess 'app/orders-queue-access.bicep' = if (!empty(principalId)) {
  name: 'user-orders-queue-access'
  scope: rg
  params: {
    serviceBusNamespaceName: serviceBusNamespaceName
    queueName: ordersQueueName
    principalId: principalId
    principalType: principalType
    roleDefinitionIds: ordersQueueConsumerRoles
  }
  dependsOn: [messaging]
}

module userStorageDataAccess 'app/storage-data-access.bicep' = if (!empty(principalId)) {
  name: 'user-storage-data-access'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    principalId: principalId
    principalType: principalType
    roleDefinitionIds: storageDataRoles
  }
  dependsOn: [storage]
}

module userAppInsightsMetricsPublisherAccess 'app/app-insights-metrics-publisher-access.bicep' = if (!empty(principalId)) {
  name: 'user-app-insights-metrics-publisher-access'
  scope: rg
  params: {
    applicationInsightsName: applicationInsightsName
    principalId: principalId
    principalType: principalType
    monitoringMetricsPublisherRoleId: roles.monitoringMetricsPublisher
  }
  dependsOn: [monitoring]
}

// --- Partners: send to the orders queue, nothing else ------------------------------

module partnerOrdersQueueSendAccess 'app/orders-queue-access.bicep' = [
  for (partnerPrincipalId, i) in partnerPrincipalIds: {
    name: 'partner-orders-queue-send-access-${i}'
    scope: rg
    params: {
      serviceBusNamespaceName: serviceBusNamespaceName
      queueName: ordersQueueName
      principalId: partnerPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionIds: [roles.serviceBusDataSender]
    }
    dependsOn: [messaging]
  }
]

// --- Order events: the app sends, each partner reads its own subscription, the operator reads operations ---

module apiOrderEventsTopicAccess 'app/order-events-topic-access.bicep' = {
  name: 'api-order-events-topic-access'
  scope: rg
  params: {
    serviceBusNamespaceName: serviceBusNamespaceName
    topicName: orderEventsTopicName
    principalId: identity.outputs.principalId
    assignmentNameSeed: identityName
    principalType: 'ServicePrincipal'
    roleDefinitionIds: [roles.serviceBusDataSender]
  }
  dependsOn: [orderEvents]
}

module userOperationsSubscriptionAccess 'app/order-events-subscription-access.bicep' = if (!empty(principalId)) {
  name: 'user-operations-subscription-access'
  scope: rg
  params: {
    serviceBusNamespaceName: serviceBusNamespaceName
    topicName: orderEventsTopicName
    subscriptionName: operationsSubscriptionName
    principalId: principalId
    principalType: principalType
    roleDefinitionIds: [roles.serviceBusDataReceiver]
  }
  dependsOn: [orderEvents]
}

module partnerOrderEventsReceiveAccess 'app/order-events-subscription-access.bicep' = [
  for (partner, i) in eventPartners: {
    name: 'partner-order-events-receive-access-${i}'
    scope: rg
    params: {
      serviceBusNamespaceName: serviceBusNamespaceName
      topicName: orderEventsTopicName
      subscriptionName: partner.source
      principalId: partner.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionIds: [roles.serviceBusDataReceiver]
    }
    dependsOn: [orderEvents]
  }
]

// --- Alerts for the operator, only when there is someone to tell ------------------

module alerts 'core/monitor/alerts.bicep' = if (!empty(alertEmail)) {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: '${abbrs.insightsActionGroups}${resourceToken}'
    alertEmail: alertEmail
    serviceBusNamespaceName: serviceBusNamespaceName
    ordersQueueName: ordersQueueName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
  dependsOn: [messaging, monitoring]
}

// azd exports these into the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output SERVICE_BUS_NAMESPACE string = messaging.outputs.namespaceName
output SERVICE_BUS_NAMESPACE_FQDN string = messaging.outputs.fullyQualifiedNamespace
output SERVICE_BUS_QUEUE_NAME string = messaging.outputs.queueName
output SERVICE_BUS_EVENTS_TOPIC_NAME string = orderEvents.outputs.topicName
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
