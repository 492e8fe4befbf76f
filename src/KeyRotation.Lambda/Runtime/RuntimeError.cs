using System.Text.Json.Serialization;

namespace KeyRotation.Lambda.Runtime;

/// <summary>The Runtime API's error document. The message has been through <see cref="ErrorRedaction"/>.</summary>
internal sealed record RuntimeError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage);
