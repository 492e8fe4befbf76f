using System.CommandLine;
using KeyRotation.Aws.Audit;
using KeyRotation.Cli.Hosting;

namespace KeyRotation.Cli.Options;

/// <summary>
/// Where the audit table is: a table option (<c>--table</c> on <c>keyrotation audit</c>, <c>--audit-table</c> on
/// demo, plan and run) with <c>--profile</c>, <c>--region</c> and <c>--endpoint-url</c>. One instance per command.
/// </summary>
internal sealed class AuditStoreOptions(string tableOption, string tableDescription)
{
    public Option<string> Table { get; } = new(tableOption) { Description = tableDescription, HelpName = "NAME" };

    public Option<string> Profile { get; } = new("--profile") { Description = "AWS shared-config profile for credentials and region." };

    public Option<string> Region { get; } = new("--region") { Description = "AWS region of the table." };

    public Option<string> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "DynamoDB endpoint override (default: $AWS_ENDPOINT_URL_DYNAMODB, then $AWS_ENDPOINT_URL).",
        HelpName = "URL",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new[] { Table, Profile, Region, EndpointUrl }) command.Add(option);
    }

    public AuditStoreRawOptions Read(ParseResult result) =>
        new(result.GetValue(Table), result.GetValue(Profile), result.GetValue(Region), result.GetValue(EndpointUrl))
        {
            TableOption = Table.Name,
        };

    /// <summary>
    /// For demo, plan and run: the table named by the flag, or null to keep the target's own audit log. Only the
    /// flag names a table here ($KEYROTATION_AUDIT_TABLE does not), so a shell set up for auditing never sends a
    /// demo's or a what-if plan's history into that table by accident.
    /// </summary>
    /// <param name="connectionWithoutTable">
    /// Whether --profile, --region and --endpoint-url may come without the table: against AWS they reach every
    /// service, not only the table. Default false (a simulation, where they would do nothing).
    /// </param>
    /// <exception cref="InvalidInputException">A value is unusable, or a connection flag came without the table; names each.</exception>
    public AuditStoreSettings? ReadForRun(ParseResult result, Func<string, string?> environment, bool connectionWithoutTable = false)
    {
        var raw = Read(result);
        if (raw.Table is null && connectionWithoutTable)
        {
            return null;
        }

        if (raw.Table is null)
        {
            var stray = new[] { (Profile, raw.Profile), (Region, raw.Region), (EndpointUrl, raw.EndpointUrl) }
                .Where(o => o.Item2 is not null).Select(o => o.Item1.Name).ToArray();
            return stray.Length == 0
                ? null
                : throw new InvalidInputException(
                    $"{string.Join(", ", stray)} {(stray.Length == 1 ? "applies" : "apply")} to the audit table only; add {Table.Name} NAME to write the audit trail to DynamoDB");
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(raw.Table))
        {
            problems.Add($"{Table.Name} is empty; leave it out to keep the audit trail in memory.");
        }

        var settings = AuditStoreParser.ParseStore(raw, environment, problems);
        return problems.Count == 0 ? settings : throw new InvalidInputException(string.Join(" ", problems));
    }
}
