using System.Text.Json.Serialization;

namespace KeyRotation.Engine.Posture;

/// <summary>Source-generated, so the report serializes without reflection (AOT, the Lambda); enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PostureReport))]
internal sealed partial class PostureJsonContext : JsonSerializerContext;
