using KeyRotation.Aws.Digests;
using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Options;
using KeyRotation.Cli.Output;
using KeyRotation.Engine.Digests;

namespace KeyRotation.Cli.Commands.Audit;

/// <summary>
/// <c>keyrotation audit verify</c>: checks the digest chain and recomputes each selected run's digest from the table.
/// Exit 0 only when nothing is off; <see cref="ExitCodes.AuditNotVerified"/> for any finding.
/// </summary>
internal sealed class AuditVerifyHandler(IAuditBackend backend, Func<string, string?> environment)
{
    public async Task<int> InvokeAsync(AuditVerifyRawOptions raw, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Parse(raw, environment, out var problems) is not { } options)
        {
            foreach (var problem in problems) await error.WriteLineAsync("error: " + problem);
            return ExitCodes.InvalidInput;
        }

        return await RunAsync(options, output, error, cancellationToken);
    }

    public async Task<int> RunAsync(AuditVerifyOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var log = backend.OpenLog(options.Store);
            var digests = backend.OpenDigests(options.Digests, environment);
            try
            {
                var verification = await new AuditVerifier(log, digests).VerifyAsync(options.RunId, options.Since, cancellationToken);
                if (options.Json) AuditVerificationWriter.WriteJson(output, verification, options.Digests.Bucket);
                else AuditVerificationWriter.WriteTable(output, verification, options.Digests.Bucket);
                return verification.IsIntact ? ExitCodes.Success : ExitCodes.AuditNotVerified;
            }
            finally
            {
                (log as IDisposable)?.Dispose();
                (digests as IDisposable)?.Dispose();
            }
        }
        catch (Exception ex) when (AuditErrors.TryReport(ex, options.Store.TableName, error, out var exitCode))
        {
            return exitCode;
        }
    }

    internal static AuditVerifyOptions? Parse(AuditVerifyRawOptions raw, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var store = AuditStoreParser.ParseStore(raw.Store, environment, problems);
        var bucket = raw.Bucket ?? environment(AuditDigestBucket.Variable);
        if (bucket is null)
            problems.Add($"{AuditDigestOptions.Name} is required (or set {AuditDigestBucket.Variable}).");
        else if (AuditDigestBucket.Problem(AuditDigestOptions.Name, bucket) is { } problem)
            problems.Add(problem);
        string? runId = null;
        if (raw.Run is not null)
        {
            if (string.IsNullOrWhiteSpace(raw.Run)) problems.Add("--run is empty; leave it out to verify every sealed run.");
            else runId = raw.Run.Trim();
        }

        DateTimeOffset? since = null;
        if (raw.Since is not null)
        {
            if (AuditInstant.TryParse("--since", raw.Since, out var instant) is { } sinceError) problems.Add(sinceError);
            else since = instant;
        }

        if (runId is not null && since is not null) problems.Add("--run and --since exclude each other; give one.");
        var json = false;
        if (raw.Output is not null)
        {
            var format = raw.Output.Trim().ToLowerInvariant();
            if (format is not ("table" or "json")) problems.Add($"--output '{raw.Output}' must be one of: table, json.");
            json = format == "json";
        }

        errors = problems;
        return problems.Count > 0
            ? null
            : new AuditVerifyOptions(store!, new AuditDigestStoreSettings(bucket!, store!.Region, store.Profile), runId, since, json);
    }
}
