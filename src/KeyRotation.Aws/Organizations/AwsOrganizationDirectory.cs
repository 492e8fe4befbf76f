using KeyRotation.Aws.Permissions;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Ports;

namespace KeyRotation.Aws.Organizations;

/// <summary>
/// The organization as Organizations reports it: every account with its state, OU path (ListParents up to the root)
/// and tags. One instance serves one run; OUs are cached for its length. Accounts are read one after another because
/// Organizations allows only a few requests per second.
/// </summary>
[ActsAs(AwsPrincipal.Central)]
internal sealed class AwsOrganizationDirectory(OrganizationsClient client) : IOrganizationDirectory
{
    private readonly OrganizationalUnitPaths paths = new(client);

    [RequiresPermission("organizations:ListAccounts", "organizations:ListParents",
        "organizations:DescribeOrganizationalUnit", "organizations:ListTagsForResource")]
    public async Task<IReadOnlyList<AccountFacts>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        var accounts = await client.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        var facts = new List<AccountFacts>(accounts.Count);
        foreach (var account in accounts)
        {
            var path = await paths.OfAccountAsync(account.Id, cancellationToken).ConfigureAwait(false);
            var tags = await client.ListTagsAsync(account.Id, cancellationToken).ConfigureAwait(false);
            facts.Add(new AccountFacts(account.Id, account.Name, AccountStates.Parse(account.State), path, tags));
        }

        return facts;
    }
}
