using System.CommandLine;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Cli.Options;

/// <summary>
/// --discovery: how each account's users are found, for every target (the simulation's IAM, and AWS's through
/// <c>AwsSettings.Discovery</c>). Default bulk.
/// </summary>
internal sealed class DiscoveryOptions
{
    public const string Bulk = "bulk";
    public const string PerKey = "per-key";

    public Option<string> Discovery { get; } = new("--discovery")
    {
        Description = "bulk (default: GetAccountAuthorizationDetails and the credential report, a few IAM calls per account; " +
            "users acted on are read live first) or per-key (ListUsers, then tags, keys and last use per user).",
        DefaultValueFactory = _ => Bulk,
    };

    public DiscoveryOptions() => Discovery.AcceptOnlyFromAmong(Bulk, PerKey);

    public void AddTo(Command command) => command.Add(Discovery);

    public DiscoveryMode Read(ParseResult result) =>
        result.GetValue(Discovery) == PerKey ? DiscoveryMode.PerKey : DiscoveryMode.Bulk;
}
