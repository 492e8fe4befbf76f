using KeyRotation.Engine.Runs;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// Turns settings, an event and an invocation into the engine's run options. The clock is read here, once per
/// invocation; the event's instant, when it carries one (a fanned-out run), is used instead, but never a future one
/// outside a dry run.
/// </summary>
internal sealed class RunOptionsFactory(HostSettings settings, TimeProvider time, Random random, string defaultActor)
{
    /// <summary>Clock skew allowed between the invocation that fixed a run's instant and this one.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Cancelled when the runtime shuts the process down (SIGTERM); default never.</summary>
    public CancellationToken Shutdown { get; init; }

    /// <summary>The graceful stop of one invocation run with <paramref name="options"/>: shutdown or its deadline.</summary>
    public InvocationStop StopFor(RotationRunOptions options) => new(options.Deadline, time, Shutdown);

    public RotationRunOptions Create(InvocationRequest request, Invocation invocation)
    {
        if (request.RunId is { } given && !RunIds.IsValid(given))
        {
            throw new EventFormatException($"runId '{given}' is not valid: expected 1-128 of A-Z a-z 0-9 _ . : -");
        }

        var now = time.GetUtcNow();
        var asOf = request.AsOf ?? now;
        var dryRun = settings.DryRun || request.DryRun == true;
        if (asOf > now + FutureTolerance && !dryRun)
        {
            // Keys would look older than they are: a real run must never act on a future instant.
            throw new EventFormatException(
                $"asOf {asOf:O} is in the future; only a dry run (\"dryRun\": true) may plan for a future instant");
        }

        return new RotationRunOptions
        {
            RunId = request.RunId ?? RunIds.New(asOf, random),
            AsOf = asOf,
            DryRun = dryRun,
            Policy = settings.Policy,
            Targeting = settings.Targeting,
            Tags = settings.Tags,
            Scope = settings.Scope,
            PlaintextSubscribers = settings.PlaintextSubscribers,
            MaxAccountsInFlight = settings.MaxAccountsInFlight,
            MaxUsersInFlight = settings.MaxUsersInFlight,
            Deadline = invocation.Deadline - settings.DeadlineMargin,
            MinimumTimePerAccount = settings.MinimumTimePerAccount,
            Actor = invocation.InvokedFunctionArn ?? defaultActor,
        };
    }
}
