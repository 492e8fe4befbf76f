using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// An AWS Health event as EventBridge delivers it (source <c>aws.health</c>, detail-type "AWS Health Event"), read only
/// for <see cref="ExposedKeyEventType"/>: AWS found an access key of <see cref="Account"/> exposed in public, and
/// names it in <c>detail.affectedEntities[].entityValue</c>. It arrives in the member account and is forwarded to
/// the central bus by the StackSet's rule.
/// </summary>
internal sealed class HealthEvent
{
    public const string Source = "aws.health";
    public const string ExposedKeyEventType = "AWS_RISK_CREDENTIALS_EXPOSED";

    [JsonPropertyName("source")]
    public string? EventSource { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    /// <summary>The member account the event is about.</summary>
    public string? Account { get; init; }

    public HealthEventDetail? Detail { get; init; }

    /// <summary>The event when <paramref name="payload"/> is one from AWS Health; null for any other event.</summary>
    public static HealthEvent? TryRead(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("source", out var source)
                || source.ValueKind != JsonValueKind.String || source.GetString() != Source)
            {
                return null;
            }

            return document.RootElement.Deserialize(LambdaJsonContext.Default.HealthEvent);
        }
        catch (JsonException e)
        {
            throw new EventFormatException($"the event is not a valid JSON object of this function: {e.Message}", e);
        }
    }
}

internal sealed class HealthEventDetail
{
    public string? EventArn { get; init; }

    public string? EventTypeCode { get; init; }

    public List<HealthAffectedEntity>? AffectedEntities { get; init; }
}

internal sealed class HealthAffectedEntity
{
    public string? EntityValue { get; init; }
}

/// <summary>The answer to an exposed-key event: one incident report per key it named.</summary>
internal sealed record ExposedKeysResponse(string EventArn, string Account, bool Replace, IReadOnlyList<Engine.Incidents.IncidentReport> Keys);
