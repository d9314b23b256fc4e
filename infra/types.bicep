// Types shared by the modules, so parameters say what they hold instead of 'object' / 'array'.

@export()
@description('Resource tags: string values only (azd reads azd-env-name and azd-service-name).')
type tagsType = {
  *: string
}

@export()
@description('The app\'s own table names; the Function App reads them as Storage__*Table settings.')
type tableNamesType = {
  dispatch: string
  directory: string
  deadLetters: string
}

@export()
@description('Who a role assignment is for, as Microsoft.Authorization/roleAssignments names it.')
type principalTypeType = 'User' | 'ServicePrincipal' | 'Group'

@export()
@description('A partner on the order-events topic: the `source` it sets on its order messages (also its subscription\'s name) and its service principal\'s object id.')
type eventPartnerType = {
  @minLength(1)
  @maxLength(50)
  source: string
  principalId: string
}
