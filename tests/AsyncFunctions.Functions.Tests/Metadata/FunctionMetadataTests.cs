using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;

namespace AsyncFunctions.Functions.Tests.Metadata;

/// <summary>
/// What the Functions host will index, read from both places the SDK writes it: the source-generated
/// metadata provider that worker indexing uses at run time, and functions.metadata in the output.
/// A wrong attribute (queue, connection, AutoCompleteMessages, route, auth level) fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    [Theory]
    [MemberData(nameof(Names))]
    public async Task GeneratedProvider_EachFunction_HasItsExpectedTrigger(string function)
    {
        var metadata = await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);

        var entry = Assert.Single(metadata, m => m.Name == function);
        Assert.Equal("AsyncFunctions.Functions.dll", entry.ScriptFile);
        AssertTrigger(function, entry.RawBindings!.Select(b => JsonNode.Parse(b)!.AsObject()));
    }

    [Fact]
    public async Task GeneratedProvider_AllFunctions_AreExactlyTheExpectedOnes()
    {
        var metadata = await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);

        Assert.Equal(ExpectedFunctions.Triggers.Keys.Order(StringComparer.Ordinal), metadata.Select(m => m.Name!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void FunctionsMetadataFile_EachFunction_HasItsExpectedTrigger(string function)
    {
        var entry = Assert.Single(ReadMetadataFile(), f => (string?)f["name"] == function);

        AssertTrigger(function, entry["bindings"]!.AsArray().Select(b => b!.AsObject()));
    }

    [Fact]
    public void FunctionsMetadataFile_AllFunctions_AreExactlyTheExpectedOnes()
    {
        var names = ReadMetadataFile().Select(f => (string)f["name"]!);

        Assert.Equal(ExpectedFunctions.Triggers.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GeneratedProvider_DeadLetterTrigger_IsNotSessionEnabled()
    {
        // A dead-letter sub-queue has no sessions: a session receiver on it would never get a message.
        var metadata = await new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);

        var entry = Assert.Single(metadata, m => m.Name == "RecordDeadLetter");
        var trigger = Assert.Single(entry.RawBindings!.Select(b => JsonNode.Parse(b)!.AsObject()), b => (string?)b["type"] == "serviceBusTrigger");
        Assert.False(trigger.TryGetPropertyValue("isSessionsEnabled", out var sessions) && sessions!.GetValue<bool>());
    }

    public static TheoryData<string> Names() => ExpectedFunctions.Names();

    private static void AssertTrigger(string function, IEnumerable<JsonObject> bindings)
    {
        var trigger = Assert.Single(bindings, b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);
        Assert.Equal("In", (string?)trigger["direction"]);
        foreach (var (property, expected) in ExpectedFunctions.Triggers[function])
        {
            Assert.True(trigger.ContainsKey(property), $"{function}: the trigger binding has no '{property}'.");
            var actual = trigger[property]!.GetValueKind() == JsonValueKind.String ? (string)trigger[property]! : trigger[property]!.ToJsonString();
            Assert.True(expected == actual, $"{function}: '{property}' is {actual}, expected {expected}.");
        }
    }

    private static IReadOnlyList<JsonObject> ReadMetadataFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions project's build writes it (see WriteFunctionsMetadataWithoutExtensionBundle).");
        return [.. JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(f => f!.AsObject())];
    }
}
