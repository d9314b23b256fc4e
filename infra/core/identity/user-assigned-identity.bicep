// The identity the function app runs as. User-assigned (not system-assigned) so its
// role assignments can be created before the app exists and survive an app re-create.
import { tagsType } from '../../types.bicep'

param name string
param location string = resourceGroup().location
param tags tagsType = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
