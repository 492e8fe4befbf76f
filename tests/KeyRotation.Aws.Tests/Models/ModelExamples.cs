using System.Text.Json;
using System.Xml.Linq;
using KeyRotation.Aws.Tests.Support;

namespace KeyRotation.Aws.Tests.Models;

/// <summary>The example requests and responses in a model's examples-1.json, and their awsQuery XML rendering.</summary>
internal static class ModelExamples
{
    public static IReadOnlyList<(JsonElement Input, JsonElement Output)> Of(string service, string operation)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ModelLocator.PathOf(service, "examples-1.json")));
        if (!document.RootElement.GetProperty("examples").TryGetProperty(operation, out var examples)) return [];
        return [.. examples.EnumerateArray().Select(e => (
            e.TryGetProperty("input", out var i) ? i.Clone() : default,
            e.TryGetProperty("output", out var o) ? o.Clone() : default))];
    }

    /// <summary>The first example's output as the JSON body an awsJson service would send.</summary>
    public static string JsonBody(string service, string operation) => Of(service, operation)[0].Output.GetRawText();

    /// <summary>An example output as the XML an awsQuery service would send, shaped by the model.</summary>
    public static string QueryXml(ServiceModel model, string operation, JsonElement output)
    {
        XNamespace ns = model.Metadata.GetProperty("xmlNamespace").GetString()!;
        var result = new XElement(ns + (model.ResultWrapper(operation) ?? operation + "Result"));
        if (model.OutputShape(operation) is { } shape && output.ValueKind == JsonValueKind.Object)
        {
            result.Add(Members(model, ns, shape, output));
        }

        return new XElement(ns + (operation + "Response"), result,
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", "example-request"))).ToString();
    }

    private static IEnumerable<XElement> Members(ServiceModel model, XNamespace ns, string shapeName, JsonElement value)
    {
        var members = model.Shape(shapeName).GetProperty("members");
        foreach (var property in value.EnumerateObject())
        {
            var member = members.GetProperty(property.Name);
            var name = member.TryGetProperty("locationName", out var l) ? l.GetString()! : property.Name;
            yield return Element(model, ns, name, member.GetProperty("shape").GetString()!, property.Value);
        }
    }

    private static XElement Element(ServiceModel model, XNamespace ns, string name, string shapeName, JsonElement value)
    {
        var shape = model.Shape(shapeName);
        return shape.GetProperty("type").GetString() switch
        {
            "structure" => new XElement(ns + name, Members(model, ns, shapeName, value)),
            "list" => new XElement(ns + name, value.EnumerateArray().Select(item =>
                Element(model, ns, "member", shape.GetProperty("member").GetProperty("shape").GetString()!, item))),
            "map" => new XElement(ns + name, value.EnumerateObject().Select(p => new XElement(ns + "entry",
                new XElement(ns + "key", p.Name),
                Element(model, ns, "value", shape.GetProperty("value").GetProperty("shape").GetString()!, p.Value)))),
            _ => new XElement(ns + name, value.ValueKind switch
            {
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            }),
        };
    }
}
