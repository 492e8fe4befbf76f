using System.Text.Json.Serialization;

namespace KeyRotation.Lambda.Runtime;

/// <summary>Source-generated (AOT) JSON for the Runtime API's own document, the error, so the client needs nothing of the events.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RuntimeError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
