using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;
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
    /// <summary>Cancelled when the runtime shuts the process down (SIGTERM); default never.</summary>
    public CancellationToken Shutdown { get; init; }

    /// <summary>The graceful stop of one invocation run with <paramref name="options"/>: shutdown or its deadline.</summary>
    public InvocationStop StopFor(RotationRunOptions options) => new(options.Deadline, time, Shutdown);

    public RotationRunOptions Create(InvocationRequest request, Invocation invocation)
    {
        var problems = new List<SettingProblem>();
        var runId = RotationSettings.ReadRunId(request.RunId, problems);
        var now = time.GetUtcNow();
        var asOf = RotationSettings.ReadAsOf(request.AsOf, problems) ?? now;
        var dryRun = settings.DryRun || request.DryRun == true;
        if (problems.Count == 0 && RotationSettings.FutureAsOfProblem(asOf, now, dryRun) is { } future)
        {
            problems.Add(future);
        }

        if (problems.Count > 0)
        {
            throw new EventFormatException(string.Join("; ", problems.Select(p => p.Render(EventFields.Of))));
        }

        return new RotationRunOptions
        {
            RunId = runId ?? RunIds.New(asOf, random),
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
