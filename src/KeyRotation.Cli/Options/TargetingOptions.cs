using KeyRotation.Cli.Hosting;
using System.CommandLine;
using KeyRotation.Engine.Settings;

namespace KeyRotation.Cli.Options;

/// <summary>Which accounts a run covers; each flag takes comma-separated values and may repeat. The id rules are the
/// engine's (<see cref="RotationSettings"/>), the same the Lambda applies to KEYROTATION_INCLUDE_ACCOUNTS and the rest.</summary>
internal sealed class TargetingOptions
{
    public Option<string[]> Accounts { get; } = List("--accounts", "ACCOUNT_ID", "Only these accounts (plus any under --ous).");

    public Option<string[]> ExcludeAccounts { get; } = List("--exclude-accounts", "ACCOUNT_ID", "Never these accounts.");

    public Option<string[]> Ous { get; } = List("--ous", "OU_ID", "Only accounts anywhere below these organizational units (plus --accounts).");

    public Option<string[]> ExcludeOus { get; } = List("--exclude-ous", "OU_ID", "Never accounts below these organizational units.");

    /// <summary>The engine's field each flag names.</summary>
    public IEnumerable<KeyValuePair<string, Option>> Flags =>
    [
        new(RotationSettings.IncludeAccountsField, Accounts),
        new(RotationSettings.ExcludeAccountsField, ExcludeAccounts),
        new(RotationSettings.IncludeOrganizationalUnitsField, Ous),
        new(RotationSettings.ExcludeOrganizationalUnitsField, ExcludeOus),
    ];

    public void AddTo(Command command)
    {
        command.Add(Accounts);
        command.Add(ExcludeAccounts);
        command.Add(Ous);
        command.Add(ExcludeOus);
    }

    /// <summary>
    /// A flag given with no id (<c>--accounts ''</c>, e.g. an unset shell variable) is an error: an empty include list
    /// would otherwise mean the whole organization. (A Lambda variable cannot tell empty from unset, so this is the
    /// CLI's alone.)
    /// </summary>
    /// <exception cref="InvalidInputException">A list flag was given empty; names it.</exception>
    public void RefuseEmpty(ParseResult result)
    {
        foreach (var (option, what) in new[] { (Accounts, "account"), (ExcludeAccounts, "account"), (Ous, "organizational unit"), (ExcludeOus, "organizational unit") })
        {
            if (result.GetResult(option) is not null && ListValues.Split(result.GetValue(option)).Count == 0)
            {
                throw new InvalidInputException(
                    $"{option.Name}: no {what} id given (the value is empty); leave the flag out to mean every account");
            }
        }
    }

    private static Option<string[]> List(string name, string helpName, string description) => new(name)
    {
        Description = description + " Comma-separated or repeated.",
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
    };
}
