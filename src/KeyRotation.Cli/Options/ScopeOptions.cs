using System.CommandLine;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Cli.Options;

/// <summary>
/// Which users the deployment manages, and who may read secrets when they travel in notifications. The rules are the
/// engine's (<see cref="ManagedScope"/>, <see cref="RotationRunOptionsValidation"/>), the same the Lambda applies.
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

    public void AddTo(Command command)
    {
        command.Add(ManagedUserPath);
        command.Add(ManagedUserTag);
        command.Add(PlaintextSubscribers);
    }

    /// <exception cref="InvalidInputException">The path or tag is unusable; the message names the flag and its value.</exception>
    public ManagedScope ReadScope(ParseResult result)
    {
        var scope = ManagedScope.Parse(result.GetValue(ManagedUserPath), result.GetValue(ManagedUserTag), out var problems);
        return problems.Count == 0
            ? scope
            : throw new InvalidInputException(string.Join("; ", problems.Select(p => p
                .Replace(ManagedScope.UserPathField, ManagedUserPath.Name, StringComparison.Ordinal)
                .Replace(ManagedScope.UserTagField, ManagedUserTag.Name, StringComparison.Ordinal))));
    }

    /// <exception cref="InvalidInputException">Plaintext delivery without subscribers, or an empty entry.</exception>
    public IReadOnlyList<string> ReadPlaintextSubscribers(ParseResult result, SecretDelivery delivery)
    {
        var subscribers = ListValues.Split(result.GetValue(PlaintextSubscribers));
        return RotationRunOptionsValidation.PlaintextProblem(delivery, subscribers) is { } problem
            ? throw new InvalidInputException(problem
                .Replace(RotationRunOptionsValidation.PlaintextSubscribersField, PlaintextSubscribers.Name, StringComparison.Ordinal)
                .Replace("SecretDelivery is Notification", "--secret-delivery is notification", StringComparison.Ordinal))
            : subscribers;
    }
}
