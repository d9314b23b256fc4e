namespace AsyncFunctions.Http.Describing;

/// <summary>
/// The JSON body a handler reads itself, as endpoint metadata for an OpenAPI document. Deliberately not
/// <c>Accepts&lt;T&gt;()</c>: that adds IAcceptsMetadata, and routing would then answer a non-JSON request
/// with a bare 415 before the handler runs, instead of the contract's problem+json (and would refuse application/*+json).
/// </summary>
public sealed record ContractRequestBody(Type BodyType, string Description);
