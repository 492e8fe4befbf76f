using KeyRotation.Core.Audit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Planning;
using KeyRotation.Engine.Execution;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;
using static KeyRotation.Core.Audit.AuditOutcome;

namespace KeyRotation.Engine.Reconciliation;

/// <summary>
/// Before an account is planned, resolves what earlier runs left open against the users' real keys
/// (ROTATION-POLICY.md, "Reconciliation"): a key nobody holds is deactivated and deleted at once
/// (<see cref="ReasonCode.OrphanedKey"/>), and each intent without an outcome gets the outcome the keys show
/// (<see cref="ReasonCode.Reconciled"/>). A user whose reconciliation fails is not planned this run. Never throws.
/// </summary>
internal sealed class Reconciler(RunContext run, AccountFacts account, IAccountSession session, AccountGiveUp giveUp, AuditWriter writer)
{
    public async Task<ReconciliationResult> RunAsync(UnresolvedWork work, CancellationToken cancellationToken)
    {
        var records = new List<ActionRecord>();
        var notes = new List<string>();
        var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var userName in work.UserNames)
        {
            var log = new UserLog(run, account, userName, "unknown", giveUp, writer);
            try
            {
                await new UserReconciliation(session, work, log).RunAsync(cancellationToken);
            }
            catch (Exception e)
            {
                var error = e is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? "run cancelled"
                    : log.Fault(e);
                log.Record(ActionKind.Blocked, ReasonCode.Reconciled, null, Failed,
                    "not planned this run: what an earlier run left open could not be reconciled", error);
                blocked.Add(userName);
            }

            await log.FlushAsync();
            var outcome = log.ToOutcome();
            records.AddRange(outcome.Records);
            notes.AddRange(outcome.Notes);
            sequences[userName] = outcome.NextSequence;
        }

        return new ReconciliationResult(records, notes, sequences, blocked);
    }
}

/// <summary>What reconciliation did in one account, for the account's report and the users' turns after it.</summary>
/// <param name="NextSequences">Per reconciled user, where the numbering of its turn's events goes on.</param>
/// <param name="Blocked">Users not to be planned this run.</param>
internal sealed record ReconciliationResult(
    IReadOnlyList<ActionRecord> Records,
    IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, int> NextSequences,
    IReadOnlySet<string> Blocked)
{
    public static ReconciliationResult None { get; } =
        new([], [], new Dictionary<string, int>(), new HashSet<string>(StringComparer.Ordinal));

    public int FirstSequenceOf(string userName) => NextSequences.GetValueOrDefault(userName);
}
