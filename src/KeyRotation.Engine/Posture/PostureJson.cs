using System.Text.Encodings.Web;
using System.Text.Json;

namespace KeyRotation.Engine.Posture;

/// <summary>The report as JSON, the same from the CLI and the Lambda (and what the HTML page is checked against).</summary>
public static class PostureJson
{
    // Readable for people and scripts alike: no \u0027 for every apostrophe in a note.
    private static readonly PostureJsonContext Context = new(new JsonSerializerOptions(PostureJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(PostureReport report) => JsonSerializer.Serialize(report, Context.PostureReport);

    public static byte[] SerializeToUtf8Bytes(PostureReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Context.PostureReport);
}
