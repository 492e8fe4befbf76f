using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using KeyRotation.Aws.Tests.Support;

namespace KeyRotation.Aws.Tests.Models;

/// <summary>A botocore service model (service-2.json) read for checking the requests we build.</summary>
internal sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, ServiceModel> Cache = new();
    private readonly JsonElement root;

    private ServiceModel(string service, JsonElement root)
    {
        Service = service;
        this.root = root;
    }

    public string Service { get; }

    public JsonElement Metadata => root.GetProperty("metadata");

    public string ApiVersion => Metadata.GetProperty("apiVersion").GetString()!;

    public string Protocol => Metadata.GetProperty("protocol").GetString()!;

    public static ServiceModel Load(string service) => Cache.GetOrAdd(service, s =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ModelLocator.PathOf(s, "service-2.json")));
        return new ServiceModel(s, document.RootElement.Clone());
    });

    public bool HasOperation(string operation) => root.GetProperty("operations").TryGetProperty(operation, out _);

    public JsonElement Operation(string operation) => root.GetProperty("operations").GetProperty(operation);

    public JsonElement Shape(string name) => root.GetProperty("shapes").GetProperty(name);

    public string? InputShape(string operation) =>
        Operation(operation).TryGetProperty("input", out var input) ? input.GetProperty("shape").GetString() : null;

    public string? OutputShape(string operation) =>
        Operation(operation).TryGetProperty("output", out var output) ? output.GetProperty("shape").GetString() : null;

    public string? ResultWrapper(string operation) =>
        Operation(operation).TryGetProperty("output", out var output) && output.TryGetProperty("resultWrapper", out var wrapper)
            ? wrapper.GetString()
            : null;

    /// <summary>Problems with a scalar value against its shape: enum, length and range limits, type.</summary>
    internal IEnumerable<string> CheckScalar(string path, string shapeName, string text)
    {
        var shape = Shape(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "string":
                if (shape.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != text))
                {
                    yield return $"{path}: '{text}' is not one of [{string.Join(", ", values.EnumerateArray())}]";
                }

                if (shape.TryGetProperty("min", out var min) && text.Length < min.GetInt64()) yield return $"{path}: shorter than {min}";
                if (shape.TryGetProperty("max", out var max) && text.Length > max.GetInt64()) yield return $"{path}: longer than {max}";
                break;
            case "integer" or "long":
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    yield return $"{path}: '{text}' is not an integer";
                    yield break;
                }

                if (shape.TryGetProperty("min", out var low) && number < low.GetInt64()) yield return $"{path}: {number} below {low}";
                if (shape.TryGetProperty("max", out var high) && number > high.GetInt64()) yield return $"{path}: {number} above {high}";
                break;
            case "boolean":
                if (text is not ("true" or "false")) yield return $"{path}: '{text}' is not a boolean";
                break;
            case "timestamp" or "blob" or "double" or "float":
                break;
            default:
                yield return $"{path}: a scalar was given for a {type}";
                break;
        }
    }
}
