using System.Text.Json.Serialization;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Engine.Sweep;

/// <summary>Source-generated, so the RunFinished summary serializes without reflection (AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;
