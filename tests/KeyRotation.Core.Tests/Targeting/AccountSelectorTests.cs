using KeyRotation.Core.Facts;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;

namespace KeyRotation.Core.Tests.Targeting;

public sealed class AccountSelectorTests
{
    private static readonly Dictionary<string, string> NoTags = [];
    private static readonly Dictionary<string, string> OptOut = new() { ["key-rotation:opt-out"] = "true" };

    private static AccountFacts Account(
        AccountState state = AccountState.Active, Dictionary<string, string>? tags = null, params OrganizationalUnitFacts[] ous) =>
        new("222222222222", "dev", state, ous, tags ?? NoTags);

    private static OrganizationalUnitFacts Ou(string id, Dictionary<string, string>? tags = null) => new(id, id, tags ?? NoTags);

    private static readonly AccountFacts UnderProdTeam = Account(ous: [Ou("ou-prod"), Ou("ou-team")]);

    private static AccountTargeting Targeting(
        string[]? include = null, string[]? exclude = null, string[]? includeOus = null, string[]? excludeOus = null) =>
        new(new HashSet<string>(include ?? []), new HashSet<string>(exclude ?? []),
            new HashSet<string>(includeOus ?? []), new HashSet<string>(excludeOus ?? []));

    private static AccountSkipReason? Evaluate(AccountFacts account, AccountTargeting? targeting = null) =>
        AccountSelector.Evaluate(account, targeting ?? AccountTargeting.All, TagConventions.Default);

    [Fact]
    public void Evaluate_ActiveUntaggedAccountNoTargeting_Processed() => Assert.Null(Evaluate(UnderProdTeam));

    [Theory]
    [InlineData(AccountState.Suspended)]
    [InlineData(AccountState.PendingClosure)]
    [InlineData(AccountState.Closed)]
    public void Evaluate_NotActive_SkippedNotActive(AccountState state) =>
        Assert.Equal(AccountSkipReason.NotActive, Evaluate(Account(state)));

    [Fact]
    public void Evaluate_NotActiveAndExcludedAndOptedOut_NotActiveFirst() =>
        Assert.Equal(AccountSkipReason.NotActive, Evaluate(Account(AccountState.Suspended, OptOut), Targeting(exclude: ["222222222222"])));

    [Fact]
    public void Evaluate_ExcludedAndOptedOut_NotTargetedBeforeOptOut() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(Account(tags: OptOut), Targeting(exclude: ["222222222222"])));

    [Fact]
    public void Evaluate_IncludedById_Processed() => Assert.Null(Evaluate(UnderProdTeam, Targeting(include: ["222222222222"])));

    [Fact]
    public void Evaluate_OtherAccountIncluded_NotTargeted() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(include: ["333333333333"])));

    [Fact]
    public void Evaluate_ExcludedById_NotTargeted() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(exclude: ["222222222222"])));

    [Fact]
    public void Evaluate_IncludedAndExcludedById_ExcludeWins() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(include: ["222222222222"], exclude: ["222222222222"])));

    [Theory]
    [InlineData("ou-prod")]
    [InlineData("ou-team")]
    public void Evaluate_AnyOuOnPathIncluded_Processed(string ou) =>
        Assert.Null(Evaluate(UnderProdTeam, Targeting(includeOus: [ou])));

    [Fact]
    public void Evaluate_OuNotOnPathIncluded_NotTargeted() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(includeOus: ["ou-dev"])));

    [Fact]
    public void Evaluate_AccountAtRootWithOuIncludes_NotTargeted() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(Account(), Targeting(includeOus: ["ou-prod"])));

    [Theory]
    [InlineData("ou-prod")]
    [InlineData("ou-team")]
    public void Evaluate_AnyOuOnPathExcluded_NotTargeted(string ou) =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(excludeOus: [ou])));

    [Fact]
    public void Evaluate_IncludedByIdButOuExcluded_ExcludeWins() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(include: ["222222222222"], excludeOus: ["ou-prod"])));

    [Fact]
    public void Evaluate_OuIncludedButAccountExcluded_ExcludeWins() =>
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(UnderProdTeam, Targeting(exclude: ["222222222222"], includeOus: ["ou-team"])));

    [Fact]
    public void Evaluate_IncludeSetsCombine_EitherMatchSuffices()
    {
        var targeting = Targeting(include: ["333333333333"], includeOus: ["ou-team"]);

        Assert.Null(Evaluate(UnderProdTeam, targeting));
        Assert.Equal(AccountSkipReason.NotTargeted, Evaluate(Account(), targeting));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData(" True ")]
    public void Evaluate_AccountOptOutTag_OptOut(string value) =>
        Assert.Equal(AccountSkipReason.OptOut, Evaluate(Account(tags: new() { ["key-rotation:opt-out"] = value })));

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("")]
    public void Evaluate_OptOutTagNotTrue_Processed(string value) =>
        Assert.Null(Evaluate(Account(tags: new() { ["key-rotation:opt-out"] = value })));

    [Fact]
    public void Evaluate_OutermostOuOptOut_CoversAccountsBelow() =>
        Assert.Equal(AccountSkipReason.OptOut, Evaluate(Account(ous: [Ou("ou-prod", OptOut), Ou("ou-team")])));

    [Fact]
    public void Evaluate_InnermostOuOptOut_CoversAccount() =>
        Assert.Equal(AccountSkipReason.OptOut, Evaluate(Account(ous: [Ou("ou-prod"), Ou("ou-team", OptOut)])));

    [Fact]
    public void Evaluate_OptOutUnderOtherPrefix_Processed()
    {
        var skip = AccountSelector.Evaluate(Account(tags: OptOut), AccountTargeting.All, new TagConventions("acme:"));

        Assert.Null(skip);
    }
}
