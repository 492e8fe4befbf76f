using KeyRotation.Engine.Sweep;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// Turns settings, an event and an invocation into the engine's run options. The clock is read here, once per
/// invocation, and only when the event does not carry the run's instant.
/// </summary>
internal sealed class RunOptionsFactory(HostSettings settings, TimeProvider time, Random random, string defaultActor)
{
    public RotationRunOptions Create(InvocationRequest request, Invocation invocation)
    {
        if (request.RunId is { } given && !RunIds.IsValid(given))
        {
            throw new EventFormatException($"runId '{given}' is not valid: expected 1-128 of A-Z a-z 0-9 _ . : -");
        }

        var asOf = request.AsOf ?? time.GetUtcNow();
        return new RotationRunOptions
        {
            RunId = request.RunId ?? RunIds.New(asOf, random),
            AsOf = asOf,
            DryRun = settings.DryRun || request.DryRun == true,
            Policy = settings.Policy,
            Targeting = settings.Targeting,
            Tags = settings.Tags,
            MaxAccountsInFlight = settings.MaxAccountsInFlight,
            MaxUsersInFlight = settings.MaxUsersInFlight,
            Deadline = invocation.Deadline - settings.DeadlineMargin,
            MinimumTimePerAccount = settings.MinimumTimePerAccount,
            Actor = invocation.InvokedFunctionArn ?? defaultActor,
        };
    }
}
