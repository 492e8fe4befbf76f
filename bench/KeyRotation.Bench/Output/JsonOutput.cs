using System.Text.Json;
using System.Text.Json.Serialization;
using KeyRotation.Bench.Measuring;
using KeyRotation.Bench.Scenarios;

namespace KeyRotation.Bench.Output;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(LowerBound))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

internal static class JsonOutput
{
    public static string Write(BenchReport report) => JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);
}
