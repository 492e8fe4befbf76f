using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Core.Tests.Targeting;

/// <summary>An account somewhere below 0-4 OUs, with the opt-out tag placed at one level or nowhere.</summary>
/// <param name="OptOutLevel">-1: nowhere; 0: the account itself; n: the n-th OU from the top.</param>
public sealed record PlacedAccount(AccountFacts Account, int OptOutLevel)
{
    public override string ToString() =>
        $"{Account.AccountId} under [{string.Join("/", Account.OrganizationalUnits.Select(o => o.Id))}] opt-out level {OptOutLevel}";
}

public static class AccountArbitraries
{
    public static Arbitrary<PlacedAccount> Placed() => (
        from depth in Gen.Choose(0, 4)
        from level in Gen.Choose(-1, depth)
        from value in Gen.Elements("true", "TRUE", "True", " true ")
        from noise in Gen.Elements("false", "no", "")
        select Build(depth, level, value, noise)).ToArbitrary();

    private static PlacedAccount Build(int depth, int level, string value, string noise)
    {
        Dictionary<string, string> Tags(int at) => new() { [TagConventions.Default.OptOut] = at == level ? value : noise };
        var ous = Enumerable.Range(1, depth).Select(i => new OrganizationalUnitFacts($"ou-{i}", $"OU {i}", Tags(i))).ToList();
        return new(new AccountFacts("123456789012", "acct", AccountState.Active, ous, Tags(0)), level);
    }
}

[Properties(Arbitrary = [typeof(AccountArbitraries)], MaxTest = 200)]
public sealed class AccountSelectorPropertyTests
{
    [Property]
    public void Evaluate_OptOutAtAnyLevel_SkipsAccountOtherwiseProcessed(PlacedAccount placed)
    {
        var skip = AccountSelector.Evaluate(placed.Account, AccountTargeting.All, TagConventions.Default);

        Assert.Equal(placed.OptOutLevel >= 0 ? AccountSkipReason.OptOut : null, skip);
    }

    [Property]
    public void Evaluate_AnyOuOnPathExcluded_NotTargetedWhateverIsIncluded(PlacedAccount placed, bool includeAccount)
    {
        var path = placed.Account.OrganizationalUnits.Select(o => o.Id).ToList();
        if (path.Count == 0)
        {
            return;
        }

        var targeting = new AccountTargeting(
            new HashSet<string>(includeAccount ? [placed.Account.AccountId] : []), new HashSet<string>(),
            path.ToHashSet(), new HashSet<string> { path[^1] });

        Assert.Equal(AccountSkipReason.NotTargeted, AccountSelector.Evaluate(placed.Account, targeting, TagConventions.Default));
    }
}
