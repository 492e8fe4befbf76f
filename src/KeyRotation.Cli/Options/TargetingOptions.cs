using System.CommandLine;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Cli.Options;

/// <summary>Which accounts a run covers; each flag takes comma-separated values and may repeat.</summary>
internal sealed class TargetingOptions
{
    public Option<string[]> Accounts { get; } = List("--accounts", "ACCOUNT_ID", "Only these accounts (plus any under --ous).");

    public Option<string[]> ExcludeAccounts { get; } = List("--exclude-accounts", "ACCOUNT_ID", "Never these accounts.");

    public Option<string[]> Ous { get; } = List("--ous", "OU_ID", "Only accounts anywhere below these organizational units (plus --accounts).");

    public Option<string[]> ExcludeOus { get; } = List("--exclude-ous", "OU_ID", "Never accounts below these organizational units.");

    public void AddTo(Command command)
    {
        command.Add(Accounts);
        command.Add(ExcludeAccounts);
        command.Add(Ous);
        command.Add(ExcludeOus);
    }

    /// <exception cref="InvalidInputException">An id is malformed; the message names the flag and the value.</exception>
    public AccountTargeting Read(ParseResult result) => new(
        AccountIds(result, Accounts),
        AccountIds(result, ExcludeAccounts),
        OuIds(result, Ous),
        OuIds(result, ExcludeOus));

    private static HashSet<string> AccountIds(ParseResult result, Option<string[]> option)
    {
        var ids = NotEmpty(result, option, "account");
        foreach (var id in ids)
        {
            if (id.Length != 12 || !id.All(char.IsAsciiDigit))
            {
                throw new InvalidInputException($"{option.Name}: '{id}' is not an account id (12 digits)");
            }
        }

        return ids.ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> OuIds(ParseResult result, Option<string[]> option)
    {
        var ids = NotEmpty(result, option, "organizational unit");
        foreach (var id in ids)
        {
            if (!id.StartsWith("ou-", StringComparison.Ordinal) || id.Length < 4)
            {
                throw new InvalidInputException($"{option.Name}: '{id}' is not an organizational unit id (ou-...)");
            }
        }

        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The ids given; a flag given with none (<c>--accounts ''</c>, e.g. an unset variable) is an error: an empty
    /// include list would otherwise mean the whole organization.</summary>
    private static IReadOnlyList<string> NotEmpty(ParseResult result, Option<string[]> option, string what)
    {
        var ids = ListValues.Split(result.GetValue(option));
        if (ids.Count == 0 && result.GetResult(option) is not null)
        {
            throw new InvalidInputException(
                $"{option.Name}: no {what} id given (the value is empty); leave the flag out to mean every account");
        }

        return ids;
    }

    private static Option<string[]> List(string name, string helpName, string description) => new(name)
    {
        Description = description + " Comma-separated or repeated.",
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
    };
}
