namespace KeyRotation.Testing.AwsStub;

/// <summary>
/// The organization most tests use. OUs: Prod (env=prod) with Web (team=web, tier=front) inside, and Sandbox. Accounts
/// (listed per parent in pages of 2): 111111111111 "Web" in Prod/Web, 222222222222 "Sandbox" (only the old Status
/// field) in Sandbox, 333333333333 "Old" SUSPENDED and 444444444444 "Gone" CLOSED at the root. Web has users alice, bob (path /eng/, two keys), carol (no keys) and
/// "svc+ci,x=y"; Sandbox has dave. IAM pages hold 2 items.
/// </summary>
internal static class SmallOrganization
{
    public const string Web = "111111111111";
    public const string Sandbox = "222222222222";
    public const string Old = "333333333333";
    public const string Gone = "444444444444";

    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeAwsCloud Create(TimeProvider time)
    {
        var cloud = new FakeAwsCloud(time);
        cloud.OrganizationalUnits["ou-prod"] = new("ou-prod", "Prod", FakeAwsCloud.RootId, new() { ["env"] = "prod" });
        cloud.OrganizationalUnits["ou-web"] = new("ou-web", "Web", "ou-prod", new() { ["team"] = "web", ["tier"] = "front" });
        cloud.OrganizationalUnits["ou-sandbox"] = new("ou-sandbox", "Sandbox", FakeAwsCloud.RootId, []);

        var web = new FakeAccount(Web, "Web", "ou-web");
        web.Tags["cost-center"] = "42";
        web.Tags["key-rotation:opt-out"] = "false";
        var alice = new FakeUser("alice");
        alice.Tags["key-rotation:owner"] = "alice@example.com";
        alice.Keys.Add(new FakeKey("AKIAALICEEXAMPLE0001", "alice-secret", "Active", Start.AddDays(-100), Start.AddDays(-1)));
        var bob = new FakeUser("bob", "/eng/");
        bob.Keys.Add(new FakeKey("AKIABOBEXAMPLE000001", "bob-secret-1", "Active", Start.AddDays(-200), Start.AddDays(-2)));
        bob.Keys.Add(new FakeKey("AKIABOBEXAMPLE000002", "bob-secret-2", "Inactive", Start.AddDays(-20)));
        var ci = new FakeUser("svc+ci,x=y");
        ci.Keys.Add(new FakeKey("AKIACIEXAMPLE0000001", "ci-secret", "Active", Start.AddDays(-95)));
        web.Users.AddRange([alice, bob, new FakeUser("carol"), ci]);

        var sandbox = new FakeAccount(Sandbox, "Sandbox", "ou-sandbox") { State = null, Status = "ACTIVE" };
        var dave = new FakeUser("dave");
        dave.Keys.Add(new FakeKey("AKIADAVEEXAMPLE00001", "dave-secret", "Active", Start.AddDays(-10)));
        sandbox.Users.Add(dave);

        cloud.Accounts.AddRange([web, sandbox,
            new FakeAccount(Old, "Old", FakeAwsCloud.RootId) { State = "SUSPENDED" },
            new FakeAccount(Gone, "Gone", FakeAwsCloud.RootId) { State = "CLOSED" }]);
        return cloud;
    }
}
