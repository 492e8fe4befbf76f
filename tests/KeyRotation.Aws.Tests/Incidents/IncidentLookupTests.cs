using KeyRotation.Aws.Tests.Support;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Tests.Incidents;

/// <summary>The three lookups of the incident actions over HTTP: STS GetAccessKeyInfo, DescribeAccount, GetAccessKeyLastUsed.</summary>
public sealed class IncidentLookupTests
{
    [Fact]
    public async Task AccountOfAccessKey_KeyOfAMember_NamesItsAccountInOneRequest()
    {
        using var rig = AwsTestRig.Create();

        var account = await rig.Adapters.AccessKeyInfo.AccountOfAccessKeyAsync("AKIADAVEEXAMPLE00001", CancellationToken.None);

        Assert.Equal(SmallOrganization.Sandbox, account);
        var request = Assert.Single(rig.Cloud.Requests, r => r.Action == "GetAccessKeyInfo");
        Assert.Equal(("sts", "AKIADAVEEXAMPLE00001"), (request.SigningService, request.Field("AccessKeyId")));
    }

    [Fact]
    public async Task AccountOfAccessKey_UnknownKey_ServiceExceptionNotRetried()
    {
        using var rig = AwsTestRig.Create();

        var error = await Assert.ThrowsAsync<ServiceException>(() =>
            rig.Adapters.AccessKeyInfo.AccountOfAccessKeyAsync("AKIAEXAMPLENOSUCHKEY", CancellationToken.None));

        Assert.Equal(("InvalidParameterValue", FailureKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public async Task DescribeAccount_Member_StateNameOwnTagsAndParentsWalkedUp()
    {
        using var rig = AwsTestRig.Create();

        var account = await rig.Adapters.Directory.DescribeAccountAsync(SmallOrganization.Web, CancellationToken.None);

        Assert.NotNull(account);
        Assert.Equal(("Web", AccountState.Active, "42"), (account.Name, account.State, account.Tags["cost-center"]));
        var requests = rig.Cloud.Requests.Where(r => r.SigningService == "organizations").Select(r => r.Action).ToArray();
        Assert.Equal("DescribeAccount", requests[0]);
        Assert.Contains("ListParents", requests);
        Assert.DoesNotContain("ListAccountsForParent", requests);
    }

    [Fact]
    public async Task DescribeAccount_NotAMember_Null()
    {
        using var rig = AwsTestRig.Create();

        Assert.Null(await rig.Adapters.Directory.DescribeAccountAsync("999999999999", CancellationToken.None));
    }

    [Fact]
    public async Task FindAccessKeyOwner_KeyOfTheAccount_NamesTheUser()
    {
        using var rig = AwsTestRig.Create();
        var session = await rig.Adapters.AccountAccess.OpenAsync(SmallOrganization.Web, CancellationToken.None);

        Assert.Equal("bob", await session.Identity.FindAccessKeyOwnerAsync("AKIABOBEXAMPLE000002", CancellationToken.None));
    }
}
