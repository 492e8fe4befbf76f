using System.Text.Json;
using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Events;

/// <summary>Parses an event, picks its mode and answers with the mode's JSON.</summary>
internal sealed class InvocationDispatcher(ModeHandlers modes)
{
    public Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = Parse(invocation.Payload);
        return ModeOf(request) switch
        {
            EventModes.Sweep => modes.SweepAsync(request, invocation, cancellationToken),
            EventModes.ListTargets => modes.ListTargetsAsync(request, invocation, cancellationToken),
            EventModes.RotateAccount => modes.RotateAccountAsync(request, invocation, cancellationToken),
            EventModes.Summarize => Task.FromResult(modes.Summarize(request)),
            EventModes.Ping => Task.FromResult(modes.Ping()),
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

        if (request.AccountId is not null || request.Account is not null || request.Results is not null)
        {
            throw new EventFormatException("mode is required: the event has fields of rotate-account or summarize but no mode");
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
            return JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.InvocationRequest) ?? new InvocationRequest();
        }
        catch (JsonException e)
        {
            throw new EventFormatException($"the event is not a valid JSON object of this function: {e.Message}", e);
        }
    }
}
