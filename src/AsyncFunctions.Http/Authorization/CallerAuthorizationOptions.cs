using System.ComponentModel.DataAnnotations;

namespace AsyncFunctions.Http.Authorization;

/// <summary>Settings of the role check (section "Authorization"); checked at start.</summary>
public sealed class CallerAuthorizationOptions
{
    public const string SectionName = "Authorization";

    /// <summary>Every route except health needs a principal whose roles grant the route's permission.</summary>
    public bool RequireRoles { get; set; } = true;

    /// <summary>
    /// Whether X-MS-CLIENT-PRINCIPAL can be believed. Set by the host, never bound from settings: only App
    /// Service authentication strips a client's own copy of the header, so without it the header is forgeable.
    /// </summary>
    public bool TrustPrincipalHeader { get; set; }

    /// <summary>A longer header is refused (401) before it is decoded.</summary>
    [Range(256, 65536)]
    public int MaxPrincipalHeaderLength { get; set; } = 16384;
}
