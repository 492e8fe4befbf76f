namespace KeyRotation.Cli.Options;

/// <summary>The audit table options as typed: --table (or --audit-table), --profile, --region, --endpoint-url.</summary>
internal sealed record AuditStoreRawOptions(string? Table, string? Profile, string? Region, string? EndpointUrl)
{
    /// <summary>The table option's name, for messages. Default <c>--table</c>.</summary>
    public string TableOption { get; init; } = "--table";
}
