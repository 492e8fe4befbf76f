using KeyRotation.Cli.Settings;
using System.Text.Encodings.Web;
using System.Text.Json;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Output;

internal static class ReportWriter
{
    // Readable output for scripts and people alike: no \u0027 for every apostrophe in a detail.
    private static readonly ReportJsonContext Json = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Write(TextWriter writer, RunReport report, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            writer.WriteLine(ToJson(report));
        }
        else
        {
            ReportTable.Write(writer, report);
        }
    }

    public static string ToJson(RunReport report) =>
        JsonSerializer.Serialize(ReportDocuments.From(report), Json.ReportDocument);
}
