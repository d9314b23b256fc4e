// The Function App on the Flex Consumption plan, running as the user-assigned identity.
// Every setting below is identity-based: there is no key or connection string to leak.
// On Flex Consumption the runtime comes from functionAppConfig.runtime, so
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are deliberately not app
// settings (the platform rejects or overrides them on this plan).
import { tagsType, tableNamesType } from '../types.bicep'

param name string
param planName string
param location string = resourceGroup().location
param tags tagsType = {}

@description('azd deploys the code to the function app tagged with this service name (azure.yaml).')
param serviceName string = 'api'

param identityId string
param identityClientId string

param storageAccountName string
param deploymentStorageContainerName string
param tableNames tableNamesType

param serviceBusFullyQualifiedNamespace string
param ordersQueueName string

param applicationInsightsConnectionString string

@minLength(1)
@description('Application (client) id of the Entra ID app registration callers get tokens for.')
param authClientId string

@description('NCRONTAB schedule of SweepStaleOrders.')
param sweepSchedule string = '0 */1 * * * *'

@minValue(40)
@maxValue(1000)
@description('Upper bound on scale-out; also caps how many instances compete for the same queue.')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux: Flex Consumption runs on Linux only.
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Functions host storage (leases, timer schedule, queue-based bookkeeping).
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

      // Service Bus trigger/output binding connection named "ServiceBusConnection".
      ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identityClientId
      OrdersQueueName: ordersQueueName

      SweepSchedule: sweepSchedule

      // The app's own tables (Azure.Data.Tables with DefaultAzureCredential).
      Storage__TableServiceUri: storage.properties.primaryEndpoints.table
      Storage__DispatchTable: tableNames.dispatch
      Storage__DirectoryTable: tableNames.directory
      Storage__DeadLetterTable: tableNames.deadLetters

      // DefaultAzureCredential picks the user-assigned identity only when told its client id.
      AZURE_CLIENT_ID: identityClientId

      // Telemetry, host and worker both on OpenTelemetry (host.json telemetryMode): where to send, and the identity
      // whose Entra token Application Insights accepts (its local auth is off). The host reads the authentication
      // string; the worker's Azure Monitor exporter takes AZURE_CLIENT_ID above, the same identity, and refuses to
      // start in Azure without it (src/AsyncFunctions.Functions/Configuration/WorkerTelemetryExport.cs).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    }
  }

  // App Service authentication (EasyAuth) in front of every function: a request without a valid
  // Entra ID token for the app registration never reaches the worker (401). The platform then passes
  // the caller's app roles to the code in X-MS-CLIENT-PRINCIPAL. Bearer tokens only: no login flow,
  // so no client secret, and no token store (nothing to keep).
  resource authSettings 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: 'Return401'
        // Liveness probes carry no token; /api/health says nothing about orders.
        excludedPaths: ['/api/health']
      }
      httpSettings: {
        requireHttps: true
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          }
          validation: {
            // v2 tokens carry the client id as audience, v1 tokens the Application ID URI.
            allowedAudiences: [authClientId, 'api://${authClientId}']
          }
        }
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
    }
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
