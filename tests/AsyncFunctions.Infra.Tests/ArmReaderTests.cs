using System.Text.Json;
using AsyncFunctions.Infra.Tests.Arm;

namespace AsyncFunctions.Infra.Tests;

/// <summary>The small ARM reader the infra tests stand on evaluates what Bicep emits, and says what it cannot.</summary>
public sealed class ArmReaderTests
{
    private static readonly ArmScope Scope = new(
        JsonDocument.Parse("""
            {
              "parameters": { "env": { "type": "string", "defaultValue": "dev" }, "ids": { "type": "array" } },
              "variables": { "names": { "sb": "[format('sb-{0}', parameters('env'))]" }, "roles": ["r-1", "r-2"] }
            }
            """).RootElement,
        new Dictionary<string, object?> { ["ids"] = new List<object?> { "a", "b" } });

    [Theory]
    [InlineData("format('{0}/{1}', variables('names').sb, parameters('ids')[1])", "sb-dev/b")]
    [InlineData("if(not(empty(parameters('env'))), toUpper(parameters('env')), 'none')", "DEV")]
    [InlineData("concat('it''s ', string(1))", "it's 1")]
    [InlineData("string(createObject('a', createArray(1, 'b')))", "{\"a\":[1,\"b\"]}")]
    [InlineData("string(createObject('id', subscription().id))", "<string({id: subscription().id})>")]
    [InlineData("variables('roles')[length(parameters('ids'))]", "<['r-1', 'r-2'][2]>")]
    [InlineData("resourceId('Microsoft.ServiceBus/namespaces/queues', 'sb-1', 'orders')", "/subscriptions/<subscription>/resourceGroups/<resourceGroup>/providers/Microsoft.ServiceBus/namespaces/sb-1/queues/orders")]
    [InlineData("reference('messaging').outputs.fqdn.value", "<reference('messaging').outputs.fqdn.value>")]
    [InlineData("format('{0}-{1}', toLower(uniqueString(subscription().id, parameters('env'))), 'x')", "<toLower(uniqueString(subscription().id, 'dev'))>-x")]
    public void Evaluate_Expression_GivesTheValueOrTheUnresolvedText(string expression, string expected)
    {
        Assert.Equal(expected, ArmValue.Text(ArmExpression.Evaluate(expression, Scope)));
    }

    [Fact]
    public void Evaluate_EscapedBracketString_IsALiteral()
    {
        using var json = JsonDocument.Parse("\"[[not an expression]\"");

        Assert.Equal("[not an expression]", Scope.Evaluate(json.RootElement));
    }

    [Fact]
    public void Evaluate_MalformedExpression_Throws()
    {
        Assert.Throws<FormatException>(() => ArmExpression.Evaluate("format('x'", Scope));
    }

    [Fact]
    public void TypeOf_NestedResourceId_IsTheChildType()
    {
        const string id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ServiceBus/namespaces/sb-1/queues/orders";

        Assert.Equal("Microsoft.ServiceBus/namespaces/queues", ArmResourceId.TypeOf(id));
        Assert.Equal(["sb-1", "orders"], ArmResourceId.NamesOf(id));
    }

    [Fact]
    public void Resources_ArrayLayoutWithConditionAndCopyLoop_AreExpandedAndEvaluated()
    {
        using var json = JsonDocument.Parse("""
            {
              "parameters": { "on": { "type": "bool", "defaultValue": false }, "n": { "type": "int", "defaultValue": 2 } },
              "resources": [
                { "type": "A/b", "apiVersion": "1", "name": "off", "condition": "[parameters('on')]" },
                { "type": "A/b", "apiVersion": "1", "name": "[format('n{0}', copyIndex())]", "copy": { "name": "c", "count": "[parameters('n')]" } }
              ]
            }
            """);

        var template = new ArmTemplate(json.RootElement, new Dictionary<string, object?>());

        Assert.Equal(["off", "n0", "n1"], template.Resources.Select(r => r.Name));
        Assert.Equal(["n0", "n1"], template.Created("A/b").Select(r => r.Name));
    }
}
