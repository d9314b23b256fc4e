namespace AsyncFunctions.Http.Describing;

/// <summary>Where a <see cref="ContractParameter"/> travels.</summary>
public enum ContractParameterLocation
{
    Header,
    Query,
}
