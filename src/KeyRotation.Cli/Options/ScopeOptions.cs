using System.CommandLine;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Settings;
using KeyRotation.Engine.Sweep;

namespace KeyRotation.Cli.Options;

/// <summary>
/// Which users the deployment manages, and who may read secrets when they travel in notifications. The rules are the
/// engine's (<see cref="ManagedScope"/>, <see cref="RotationSettings"/>), the same the Lambda applies.
/// </summary>
internal sealed class ScopeOptions
{
    public Option<string> ManagedUserPath { get; } = new("--managed-user-path")
    {
        Description = $"Manage only users under this IAM path, e.g. /engineering/ (default: {ManagedScope.Everyone.UserPath}, every user). Others are counted, never planned.",
        HelpName = "PATH",
    };

    public Option<string> ManagedUserTag { get; } = new("--managed-user-tag")
    {
        Description = "Manage only users carrying this tag, as key=value, e.g. managed=true (default: no tag needed). Others are counted, never planned.",
        HelpName = "KEY=VALUE",
    };

    public Option<string[]> PlaintextSubscribers { get; } = new("--plaintext-subscribers")
    {
        Description = "Who may subscribe to the topic when --secret-delivery is notification (e-mail addresses, URLs, ARNs; comma-separated); required with it, since every new secret travels in the messages.",
        HelpName = "ENDPOINT",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The engine's field each flag names.</summary>
    public IEnumerable<KeyValuePair<string, Option>> Flags =>
    [
        new(RotationSettings.ManagedUserPathField, ManagedUserPath),
        new(RotationSettings.ManagedUserTagField, ManagedUserTag),
        new(RotationSettings.PlaintextSubscribersField, PlaintextSubscribers),
    ];

    public void AddTo(Command command)
    {
        command.Add(ManagedUserPath);
        command.Add(ManagedUserTag);
        command.Add(PlaintextSubscribers);
    }
}
