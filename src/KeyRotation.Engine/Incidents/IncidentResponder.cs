using KeyRotation.Core.Audit;
using KeyRotation.Core.Incidents;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Notifications;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Sweep;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Incidents;

/// <summary>
/// The operator actions on one access key anywhere in the organization (ROTATION-POLICY.md, "Incident actions"):
/// <see cref="RevokeAsync"/> deactivates it now and optionally hands over a replacement; <see cref="RestoreAsync"/>
/// makes a key this tool deactivated Active again inside its recovery window. Both find the key from its id alone
/// (<see cref="KeyLocator"/>), audit every step with the operator (<see cref="RotationRunOptions.Actor"/>) and tell
/// the owner. A dry run (<see cref="RotationRunOptions.DryRun"/>) reads, records what it would do as Planned and
/// changes nothing.
/// </summary>
public sealed class IncidentResponder(RotationServices services)
{
    private readonly RotationServices services = services ?? throw new ArgumentNullException(nameof(services));

    /// <exception cref="ArgumentException">The options are unusable.</exception>
    /// <exception cref="AuditUnavailableException">The audit store cannot be written; nothing was looked up or changed.</exception>
    public Task<IncidentReport> RevokeAsync(RotationRunOptions options, IncidentRequest request, CancellationToken cancellationToken) =>
        RunAsync(options, request, ActionKind.RevokeKey, ReasonCode.Revoked,
            (run, located, log) => new KeyRevoker(run, request).RunAsync(located, log, cancellationToken), cancellationToken);

    /// <inheritdoc cref="RevokeAsync"/>
    public Task<IncidentReport> RestoreAsync(RotationRunOptions options, IncidentRequest request, CancellationToken cancellationToken) =>
        RunAsync(options, request, ActionKind.RestoreKey, ReasonCode.Restored,
            (run, located, log) => new KeyRestorer(run, request).RunAsync(located, log, cancellationToken), cancellationToken);

    private async Task<IncidentReport> RunAsync(
        RotationRunOptions options, IncidentRequest request, ActionKind action, ReasonCode reason,
        Func<RunContext, LocatedKey, UserLog, Task> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        OrganizationSweep.ThrowIfInvalid(options);
        if (AccessKeyIds.Problem(request.AccessKeyId) is { } problem)
        {
            return Refused(request, options, IncidentRefusal.InvalidAccessKeyId, problem);
        }

        if (action == ActionKind.RevokeKey && string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new ArgumentException("Reason must not be empty: a revoke is recorded with the operator's reason", nameof(request));
        }

        try
        {
            await services.AuditLog.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new AuditUnavailableException($"the audit store is not writable, so nothing was looked up or changed: {e.Message}", e);
        }

        var run = new RunContext(services, options);
        var writer = new AuditWriter(services.AuditLog);
        var locator = new KeyLocator(services);
        LocatedKey located;
        try
        {
            located = await locator.LocateAsync(request.AccessKeyId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing was changed; the attempt is still history.
            var refusal = (e as IncidentRefusedException)?.Refusal;
            var attempt = run.Event(locator.AccountId ?? options.ManagementAccountId, locator.UserName, request.AccessKeyId,
                action.ToString(), reason.ToString(), Failed, 0, options.Policy, Detail(request), e.Message);
            var notes = await writer.WriteAsync([attempt]) is { } refused ? [$"audit store refused the record of this attempt: {refused}"] : Array.Empty<string>();
            return new IncidentReport(request.AccessKeyId, options.DryRun, locator.AccountId, null, locator.UserName, [],
                refusal, e.Message, notes, writer.Unwritten);
        }

        var log = new UserLog(run, located.Account, located.User.UserName,
            UserRotator.OwnerOf(located.User, options.Tags), new AccountGiveUp(), writer);
        IncidentRefusal? refusedBy = null;
        string? error = null;
        try
        {
            await act(run, located, log);
        }
        catch (IncidentRefusedException e)
        {
            (refusedBy, error) = (e.Refusal, e.Message);
            log.Audit(action.ToString(), reason.ToString(), request.AccessKeyId, Failed, Detail(request), e.Message);
        }

        await log.FlushAsync();
        var outcome = log.ToOutcome();
        return new IncidentReport(request.AccessKeyId, options.DryRun, located.Account.AccountId, located.Account.Name,
            located.User.UserName, outcome.Records, refusedBy, error, outcome.Notes, writer.Unwritten);
    }

    private static string? Detail(IncidentRequest request) => request.Reason is { } reason ? $"reason: {reason}" : null;

    private static IncidentReport Refused(
        IncidentRequest request, RotationRunOptions options, IncidentRefusal refusal, string message) =>
        new(request.AccessKeyId, options.DryRun, null, null, null, [], refusal, message, [], []);
}
