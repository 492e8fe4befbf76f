namespace KeyRotation.Cli.Commands.Audit;

/// <summary>The audit table options as typed: --table (or --audit-table), --profile, --region, --endpoint-url.</summary>
internal sealed record AuditStoreRawOptions(string? Table, string? Profile, string? Region, string? EndpointUrl)
{
    /// <summary>The table option's name, for messages. Default <c>--table</c>.</summary>
    public string TableOption { get; init; } = "--table";
}

/// <summary>The <c>keyrotation audit</c> options as typed, before validation.</summary>
internal sealed record AuditQueryRawOptions(AuditStoreRawOptions Store)
{
    public string? Account { get; init; }
    public string? User { get; init; }
    public string? AccessKeyId { get; init; }
    public string? Run { get; init; }
    public string? Action { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }
    public string? Limit { get; init; }
    public string? Output { get; init; }
    public bool IncludeIntents { get; init; }
}
