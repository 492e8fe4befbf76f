using System.Text.Json;
using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Events;

/// <summary>Parses an event, picks its mode and answers with the mode's JSON.</summary>
internal sealed class InvocationDispatcher(ModeHandlers modes)
{
    public Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        // EventBridge envelopes carry a string "account", which the modes' "account" (an object) cannot take.
        if (HealthEvent.TryRead(invocation.Payload) is { } health)
        {
            return modes.ExposedKeysAsync(health, invocation, cancellationToken);
        }

        var request = Parse(invocation.Payload);
        return ModeOf(request) switch
        {
            EventModes.Sweep => modes.SweepAsync(request, invocation, cancellationToken),
            EventModes.ListTargets => modes.ListTargetsAsync(request, invocation, cancellationToken),
            EventModes.RotateAccount => modes.RotateAccountAsync(request, invocation, cancellationToken),
            EventModes.Summarize => modes.SummarizeAsync(request, invocation, cancellationToken),
            EventModes.Ping => Task.FromResult(modes.Ping()),
            EventModes.Revoke => modes.RevokeAsync(request, invocation, cancellationToken),
            EventModes.Restore => modes.RestoreAsync(request, invocation, cancellationToken),
            EventModes.Report => modes.ReportAsync(request, invocation, cancellationToken),
            var other => throw new EventFormatException(
                $"mode '{other}' is not known: expected one of {string.Join(", ", EventModes.All)}"),
        };
    }

    /// <summary>A missing mode is a scheduled sweep, unless the event carries fields of another mode (a misspelt mode must not start a sweep).</summary>
    public static string ModeOf(InvocationRequest request)
    {
        if (request.Mode is { } mode)
        {
            return mode.Trim().ToLowerInvariant();
        }

        if (request.AccountId is not null || request.Account is not null || request.Results is not null
            || request.AccessKeyId is not null)
        {
            throw new EventFormatException("mode is required: the event has fields of rotate-account, summarize, revoke or restore but no mode");
        }

        return EventModes.Sweep;
    }

    private static InvocationRequest Parse(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return new InvocationRequest();
        }

        try
        {
            // JSON null is not "no fields": a caller that meant nothing must not start a full sweep.
            return JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.InvocationRequest)
                ?? throw new EventFormatException(
                    "the event is JSON null; send {} or {\"mode\":\"sweep\"} for a sweep, or name another mode");
        }
        catch (JsonException e)
        {
            throw new EventFormatException($"the event is not a valid JSON object of this function: {e.Message}", e);
        }
    }
}
