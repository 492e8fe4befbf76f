using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyRotation.Engine.Ports;

/// <summary>
/// JSON as AWS reads it: no HTML-safe escaping, so '+', '&lt;' and '&amp;' travel as themselves. One writer for
/// what the engine hands to AWS (secret values, resource policies) and for the adapters' JSON request bodies.
/// </summary>
public static class RelaxedJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
