namespace AsyncFunctions.Infra.Tests.Settings;

/// <summary>A setting the app reads by name; <see cref="IsConnection"/> when it names a binding connection.</summary>
public sealed record SettingReference(string Name, bool IsConnection, string Source);
