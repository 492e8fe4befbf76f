using KeyRotation.Aws.Audit;

namespace KeyRotation.Cli.Output;

/// <summary>
/// <c>keyrotation audit</c> command lines that reach the table a run wrote to, for hints a user can paste: the
/// table, and the endpoint, region and profile when they were given (an endpoint from the environment too, so
/// the line works in another shell).
/// </summary>
internal static class AuditCommandLine
{
    public static string Query(string runId, AuditStoreSettings store) => Build(["audit", "--run", runId], store);

    public static string CreateTable(AuditStoreSettings store) => Build(["audit", "create-table"], store);

    /// <summary>Where the table is, for one line of prose.</summary>
    public static string Describe(AuditStoreSettings store) =>
        $"DynamoDB table '{store.TableName}' at " + (store.EndpointUrl
            ?? (store.Region is { } region ? $"AWS {region}" : "AWS (region from the environment or profile)"));

    private static string Build(IEnumerable<string> words, AuditStoreSettings store)
    {
        var all = new List<string>(words) { "--table", store.TableName };
        foreach (var (flag, value) in new[] { ("--endpoint-url", store.EndpointUrl), ("--region", store.Region), ("--profile", store.Profile) })
        {
            if (value is not null)
            {
                all.Add(flag);
                all.Add(value);
            }
        }

        return "keyrotation " + string.Join(' ', all.Select(ShellWord));
    }

    /// <summary>POSIX shell quoting, only where needed.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_.:/=@+,%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
