using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyRotation.Engine.HandOff;

/// <summary>JSON as AWS reads it: no HTML-safe escaping, so '+', '&lt;' and '&amp;' travel as themselves.</summary>
internal static class RelaxedJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
