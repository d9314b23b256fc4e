using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Testing.Bodies;

namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>A valid order body, as a JSON tree that cases then break in one place each.</summary>
public static class ValidOrder
{
    public static JsonObject Tree(string orderId, string zone = "bad-input")
    {
        var tree = ContractBodies.Order(orderId, zone, (48.8566, 2.3522), (48.8606, 2.3376), ("margherita", 2));
        tree["customerId"] = "customer-1";
        tree["restaurantId"] = "restaurant-1";
        tree["readyAt"] = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return tree;
    }

    public static byte[] Bytes(JsonNode node) => ContractBodies.Bytes(node);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Every field of the order as a path into the tree (object members and the first item).</summary>
    public static IEnumerable<string[]> FieldPaths() =>
    [
        ["orderId"], ["zone"], ["pickup"], ["pickup", "lat"], ["pickup", "lon"], ["dropoff"], ["dropoff", "lat"], ["dropoff", "lon"],
        ["items"], ["items", "0"], ["items", "0", "sku"], ["items", "0", "quantity"], ["customerId"], ["restaurantId"], ["readyAt"],
    ];

    public static bool IsRequired(string[] path) => path[^1] is not ("customerId" or "restaurantId" or "readyAt");

    /// <summary>Sets (or, with null, removes) the value at a path; returns the tree for chaining.</summary>
    public static JsonObject With(JsonObject tree, string[] path, JsonNode? value, bool remove = false)
    {
        JsonNode parent = tree;
        foreach (var step in path[..^1])
            parent = parent is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        var last = path[^1];
        if (parent is JsonArray items)
        {
            var index = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
            if (remove)
                items.RemoveAt(index);
            else
                items[index] = value;
        }
        else if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }

        return tree;
    }
}
