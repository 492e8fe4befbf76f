using System.Text.Json;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Lambda.Events;

/// <summary>
/// The map's results as its ResultWriter left them in the fan-out bucket (<see cref="ResultManifest"/>), read back as
/// the rotate-account answers summarize folds inline: a succeeded child execution's output is exactly the result the
/// inline map collected. A child execution that failed, timed out, was aborted or never ran (FAILED, PENDING) has no
/// output; its account, taken from its input, counts as failed with the execution's status and error name (never its
/// cause, which could quote anything).
/// </summary>
internal static class MapResults
{
    public static async Task<List<AccountResult>> ReadAsync(
        IFanOutStore store, string manifestKey, string resultsPrefix, CancellationToken cancellationToken)
    {
        var manifest = Parse(await store.GetAsync(manifestKey, cancellationToken), LambdaJsonContext.Default.ResultManifest,
            store, manifestKey, "a Step Functions result manifest");
        if (manifest.ResultFiles is not { } files)
        {
            throw Unreadable(store, manifestKey, "a Step Functions result manifest", "it has no ResultFiles");
        }

        if (manifest.DestinationBucket is { } destination && destination != store.Bucket)
        {
            throw Unreadable(store, manifestKey, "a result manifest of this bucket", $"its DestinationBucket is '{destination}'");
        }

        var results = new List<AccountResult>();
        foreach (var file in (files.Succeeded ?? []).Concat(files.Failed ?? []).Concat(files.Pending ?? []))
        {
            // Only the run's own results: the manifest lies in the fan-out bucket, but a result file elsewhere in it
            // would be another run's.
            if (file.Key is not { } key || !key.StartsWith(resultsPrefix + "/", StringComparison.Ordinal))
            {
                throw Unreadable(store, manifestKey, "this run's result manifest", $"it names '{file.Key}', outside '{resultsPrefix}/'");
            }

            var executions = Parse(await store.GetAsync(key, cancellationToken), LambdaJsonContext.Default.ListChildExecution,
                store, key, "a Step Functions result file");
            results.AddRange(executions.Select(e => ToResult(e, store, key)));
        }

        return results;
    }

    private static AccountResult ToResult(ChildExecution execution, IFanOutStore store, string key)
    {
        if (execution.Status == "SUCCEEDED" && execution.Output is { } output)
        {
            return Parse(output, LambdaJsonContext.Default.AccountResult, store, key, "a result file of rotate-account answers");
        }

        var item = execution.Input is { } input
            ? Parse(input, LambdaJsonContext.Default.InvocationRequest, store, key, "a result file of rotate-account items")
            : null;
        var accountId = item?.Account?.AccountId ?? item?.AccountId
            ?? throw Unreadable(store, key, "a result file of rotate-account items", $"execution {execution.ExecutionArn} names no account");
        var error = $"child execution {execution.Status ?? "of unknown status"}" + (execution.Error is { } name ? $": {name}" : "");
        return new AccountResult(accountId, item?.Account?.AccountName, AccountStatus.Failed, null, error,
            new Dictionary<string, int>(), null);
    }

    private static T Parse<T>(byte[] json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, IFanOutStore store,
        string key, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw Unreadable(store, key, expected, "it is null");
        }
        catch (JsonException e)
        {
            throw Unreadable(store, key, expected, e.Message);
        }
    }

    private static T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, IFanOutStore store,
        string key, string expected) => Parse(System.Text.Encoding.UTF8.GetBytes(json), type, store, key, expected);

    private static FanOutResultsException Unreadable(IFanOutStore store, string key, string expected, string why) =>
        new($"fan-out bucket '{store.Bucket}', object '{key}' is not {expected}: {why}");
}

/// <summary>The map's results in the fan-out bucket could not be read as Step Functions writes them.</summary>
internal sealed class FanOutResultsException(string message) : Exception(message);
