// Finding an order's story in Azure by its id: a workbook on the Application Insights resource and a
// Log Analytics query pack with the same KQL (queries/order-trace.kql, reviewable on its own). Deployed
// with the monitoring, whether or not anyone gets alerts: looking an order up needs no e-mail address.
import { tagsType } from '../../types.bicep'

param applicationInsightsName string
param queryPackName string
param location string = resourceGroup().location
param tags tagsType = {}

// One text for both, so the workbook and the saved query can never disagree.
var orderTraceQuery = loadTextContent('queries/order-trace.kql')
var workbookTemplate = loadJsonContent('workbooks/order-trace.workbook.json')
var traceStep = workbookTemplate.items[2]
var workbook = union(workbookTemplate, {
  items: [
    workbookTemplate.items[0]
    workbookTemplate.items[1]
    union(traceStep, { content: union(traceStep.content, { query: orderTraceQuery }) })
  ]
  // Opens on this Application Insights resource, whoever opens it.
  fallbackResourceIds: [applicationInsights.id]
})

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// A workbook's name must be a GUID; derived from the resource so redeploying updates the same one.
resource orderTraceWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsights.id, 'order-trace-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Order trace by id'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbook)
  }
}

resource queryPack 'Microsoft.OperationalInsights/queryPacks@2026-03-01' = {
  name: queryPackName
  location: location
  tags: tags
  properties: {}
}

// Listed in the Logs blade of the Application Insights resource (classic table names: requests, traces ...).
resource orderTraceSavedQuery 'Microsoft.OperationalInsights/queryPacks/queries@2026-03-01' = {
  parent: queryPack
  name: guid(queryPack.id, 'order-trace')
  properties: {
    displayName: 'Order trace by id'
    description: 'Every span and log line of an order\'s trace(s), oldest first. Replace {OrderId} with the order id.'
    body: orderTraceQuery
    related: {
      categories: ['applications']
      resourceTypes: ['microsoft.insights/components']
    }
    tags: {
      labels: ['dispatch', 'tracing']
    }
  }
}

