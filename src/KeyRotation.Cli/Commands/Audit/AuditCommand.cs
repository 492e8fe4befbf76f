using System.CommandLine;
using KeyRotation.Aws.Digests;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>
/// Builds <c>keyrotation audit</c> (query the audit table) with its subcommand <c>create-table</c>.
/// Register with <c>root.Subcommands.Add(AuditCommand.Create())</c>.
/// </summary>
internal static class AuditCommand
{
    /// <param name="backend">The store; null: DynamoDB with the system clock.</param>
    /// <param name="environment">Environment lookup; null: the process environment.</param>
    public static Command Create(IAuditBackend? backend = null, Func<string, string?>? environment = null)
    {
        backend ??= new DynamoDbAuditBackend(TimeProvider.System);
        environment ??= Environment.GetEnvironmentVariable;

        var account = Text("--account", "Only events of this AWS account id.");
        var user = Text("--user", "Only events of this IAM user name (with --account it uses the user index).");
        var key = Text("--access-key-id", "Only events of this access key id.");
        var run = Text("--run", "Only events of this run id.");
        var action = Text("--action", "Only events with this action (CreateKey, DeactivateKey, DeleteKey, StoreSecret, Warn, Skip, Blocked, RunStarted, ...).");
        var since = Text("--since", "Events at or after this ISO 8601 instant or date (a date is midnight UTC).");
        var until = Text("--until", "Events before this ISO 8601 instant or date (exclusive; a date is midnight UTC).");
        var limit = Text("--limit", "Return at most this many events (the oldest that match).");
        var output = Text("--output", "table (default), json or csv.");
        var intents = new Option<bool>("--include-intents")
        {
            Description = "Also list intents (outcome Intended): the record each change writes before it is sent. " +
                "By default only outcomes are listed.",
        };
        var store = StoreOptions();

        var command = new Command("audit", "Query the audit trail: who rotated which key, when, why and with what outcome.");
        foreach (var option in new[] { account, user, key, run, action, since, until, limit, output }) command.Options.Add(option);
        command.Options.Add(intents);
        store.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var raw = new AuditQueryRawOptions(store.Read(parse))
            {
                Account = parse.GetValue(account), User = parse.GetValue(user), AccessKeyId = parse.GetValue(key),
                Run = parse.GetValue(run), Action = parse.GetValue(action), Since = parse.GetValue(since),
                Until = parse.GetValue(until), Limit = parse.GetValue(limit), Output = parse.GetValue(output),
                IncludeIntents = parse.GetValue(intents),
            };
            var io = parse.InvocationConfiguration;
            return new AuditQueryHandler(backend, environment).InvokeAsync(raw, io.Output, io.Error, cancellationToken);
        });

        var createStore = StoreOptions();
        var createTable = new Command("create-table",
            "Create the audit table (on-demand, keys pk/sk, indexes byRun, byAccessKey, byUser, byDay) and wait until it is ACTIVE. No-op when it exists.");
        createStore.AddTo(createTable);
        createTable.SetAction((parse, cancellationToken) =>
        {
            var io = parse.InvocationConfiguration;
            return new AuditCreateTableHandler(backend, environment)
                .InvokeAsync(createStore.Read(parse), io.Output, io.Error, cancellationToken);
        });
        command.Subcommands.Add(createTable);
        command.Subcommands.Add(VerifyCommand(backend, environment));
        return command;
    }

    /// <summary><c>audit verify [--run ID | --since DATE]</c>: recomputes the sealed runs from the table and checks the digest chain.</summary>
    private static Command VerifyCommand(IAuditBackend backend, Func<string, string?> environment)
    {
        var run = Text("--run", "Verify only this run's events (the digest chain is always checked whole).");
        var since = Text("--since", "Verify runs that finished at or after this ISO 8601 instant or date, and look for unsealed runs since then.");
        var output = Text("--output", "table (default) or json.");
        var bucket = new AuditDigestOptions().Bucket;
        bucket.Description = $"The S3 bucket holding the digests (default: ${AuditDigestBucket.Variable}). "
            + $"Endpoint: ${AuditDigestStoreSettings.ServiceEndpointVariable}, then ${AuditDigestStoreSettings.GenericEndpointVariable}.";
        var store = StoreOptions();
        var verify = new Command("verify",
            $"Check the audit trail against its digests: every event added, changed or missing, every broken chain link and every unsealed run; exit {ExitCodes.AuditNotVerified} when anything is off.");
        foreach (var option in new[] { run, since, output, bucket }) verify.Options.Add(option);
        store.AddTo(verify);
        verify.SetAction((parse, cancellationToken) =>
        {
            var raw = new AuditVerifyRawOptions(store.Read(parse))
            {
                Bucket = parse.GetValue(bucket), Run = parse.GetValue(run), Since = parse.GetValue(since), Output = parse.GetValue(output),
            };
            var io = parse.InvocationConfiguration;
            return new AuditVerifyHandler(backend, environment).InvokeAsync(raw, io.Output, io.Error, cancellationToken);
        });
        return verify;
    }

    private static Option<string> Text(string name, string description) => new(name) { Description = description };

    /// <summary>The AWS options both commands take (as demo, plan and run do, with --audit-table); one instance per command.</summary>
    private static AuditStoreOptions StoreOptions() =>
        new("--table", $"The audit table name (default: ${AuditStoreParser.TableVariable}).");
}
