using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class ArgumentParserTests
{
    [Fact]
    public void Parse_FullCommandLine_ReadsEveryOption()
    {
        var parsed = ArgumentParser.Parse(["load", "--orders", "10000", "--rate", "500", "--zones", "5", "--drivers", "200", "--url", "http://127.0.0.1:9000",
            "--function-key", "secret", "--capacity", "7", "--concurrency", "32", "--wait", "2.5", "--duplicates", "0.1", "--run-id", "r1", "--deliver"]);

        Assert.Null(parsed.Error);
        var options = parsed.Options!;
        Assert.Equal(10_000, options.Orders);
        Assert.Equal(500, options.Rate);
        Assert.Equal(5, options.Zones);
        Assert.Equal(200, options.Drivers);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.Url);
        Assert.Equal("secret", options.FunctionKey);
        Assert.Equal(7, options.CapacityPerDriver);
        Assert.Equal(32, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Wait);
        Assert.Equal(0.1, options.Duplicates);
        Assert.Equal("r1", options.RunId);
        Assert.True(options.Deliver);
        Assert.Equal(FollowMode.Poll, options.Follow);
    }

    [Theory]
    [InlineData("poll", FollowMode.Poll)]
    [InlineData("events", FollowMode.Events)]
    [InlineData("both", FollowMode.Both)]
    public void Parse_Follow_ReadsTheMode(string value, FollowMode expected)
    {
        var options = ArgumentParser.Parse(["load", "--follow", value]).Options!;

        Assert.Equal(expected, options.Follow);
        Assert.Null(options.EventsNamespace);
    }

    [Fact]
    public void Parse_EventsOnServiceBus_ReadsNamespaceAndSubscription()
    {
        var options = ArgumentParser.Parse(["load", "--follow", "both", "--events-namespace", "sb-xyz.servicebus.windows.net", "--events-subscription", "loadgen"]).Options!;

        Assert.Equal(("sb-xyz.servicebus.windows.net", "loadgen"), (options.EventsNamespace, options.EventsSubscription));
    }

    [Fact]
    public void Parse_CommandAlone_UsesDefaultsAndLocalHostUrl()
    {
        var options = ArgumentParser.Parse(["load"]).Options!;

        Assert.Equal(new Uri(LoadOptions.DefaultUrl), options.Url);
        Assert.Null(options.FunctionKey);
        Assert.False(options.Deliver);
        Assert.Matches("^[0-9a-f]{6}$", options.RunId);
    }

    [Theory]
    [InlineData(10_000, 200, 50)]
    [InlineData(100, 200, 1)]
    [InlineData(1_000_000, 10, 50)]
    [InlineData(1000, 30, 34)]
    public void CapacityPerDriver_NotGiven_IsEnoughForEveryOrderUpToTheContractMaximum(int orders, int drivers, int expected)
    {
        Assert.Equal(expected, new LoadOptions { Orders = orders, Drivers = drivers }.CapacityPerDriver);
    }

    [Theory]
    [InlineData(new string[0], "first argument must be the command 'load'")]
    [InlineData(new[] { "run" }, "not 'run'")]
    [InlineData(new[] { "load", "--orders" }, "--orders needs a value")]
    [InlineData(new[] { "load", "--orders", "--rate", "5" }, "--orders needs a value")]
    [InlineData(new[] { "load", "--orders", "ten" }, "--orders must be a whole number from 1 to 1000000, not 'ten'")]
    [InlineData(new[] { "load", "--orders", "0" }, "--orders must be a whole number")]
    [InlineData(new[] { "load", "--rate", "-5" }, "--rate must be a number")]
    [InlineData(new[] { "load", "--capacity", "51" }, "--capacity must be a whole number from 1 to 50")]
    [InlineData(new[] { "load", "--duplicates", "1.5" }, "--duplicates must be a number from 0 to 1")]
    [InlineData(new[] { "load", "--url", "127.0.0.1:7071" }, "--url must be an absolute http or https URL")]
    [InlineData(new[] { "load", "--url", "ftp://example" }, "--url must be an absolute http or https URL")]
    [InlineData(new[] { "load", "--run-id", "has space" }, "--run-id must be 1 to 20")]
    [InlineData(new[] { "load", "--ordres", "5" }, "--ordres is not an option")]
    [InlineData(new[] { "load", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "load", "--zones", "10", "--drivers", "5" }, "--drivers (5) must be at least --zones (10)")]
    [InlineData(new[] { "load", "--follow", "stream" }, "--follow must be poll, events or both, not 'stream'")]
    [InlineData(new[] { "load", "--follow", "Events" }, "--follow must be poll, events or both, not 'Events'")]
    [InlineData(new[] { "load", "--follow" }, "--follow needs a value")]
    [InlineData(new[] { "load", "--follow", "events", "--events-namespace", "sb-xyz.servicebus.windows.net" }, "--events-namespace and --events-subscription go together")]
    [InlineData(new[] { "load", "--follow", "events", "--events-subscription", "loadgen" }, "--events-namespace and --events-subscription go together")]
    [InlineData(new[] { "load", "--events-namespace", "sb-xyz.servicebus.windows.net", "--events-subscription", "loadgen" }, "add --follow events or --follow both")]
    [InlineData(new[] { "load", "--follow", "events", "--events-namespace", "sb-xyz", "--events-subscription", "s" }, "--events-namespace must be a fully qualified namespace")]
    [InlineData(new[] { "load", "--follow", "events", "--events-namespace", "https://sb-xyz.servicebus.windows.net/", "--events-subscription", "s" }, "--events-namespace must be a fully qualified namespace")]
    [InlineData(new[] { "load", "--follow", "events", "--events-namespace", "sb-xyz.servicebus.windows.net", "--events-subscription", "has space" }, "--events-subscription must be 1 to 50")]
    public void Parse_BadCommandLine_SaysWhatIsWrong(string[] args, string expected)
    {
        var parsed = ArgumentParser.Parse(args);

        Assert.Null(parsed.Options);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_AsksForUsage(string flag)
    {
        var parsed = ArgumentParser.Parse(["load", flag]);

        Assert.True(parsed.ShowHelp);
        Assert.Null(parsed.Error);
    }
}
