using System.Text.Json.Serialization;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>Source-generated (AOT) JSON for every event and answer: camelCase, enums by name, nulls written. The Runtime
/// API's error document has its own (<see cref="Runtime.RuntimeJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(ListTargetsResponse))]
[JsonSerializable(typeof(AccountResult))]
[JsonSerializable(typeof(SummarizeResponse))]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(HealthEvent))]
[JsonSerializable(typeof(KeyRotation.Engine.Incidents.IncidentReport))]
[JsonSerializable(typeof(ExposedKeysResponse))]
[JsonSerializable(typeof(TargetAccount[]))]
[JsonSerializable(typeof(ResultManifest))]
[JsonSerializable(typeof(List<ChildExecution>))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
