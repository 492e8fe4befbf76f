using KeyRotation.Cli.Options;

namespace KeyRotation.Cli.Commands.Audit;

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
