using KeyRotation.Core.Policy;
using KeyRotation.Engine.Ports;
using KeyRotation.Engine.Runs;
using KeyRotation.Engine.Tests.Support;
using KeyRotation.Simulation.Faults;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Sweep;

public sealed class SecretLeakTests
{
    [Fact]
    public async Task RunAsync_SecretsManagerDelivery_NoSecretInAuditNotificationsReportOrErrors()
    {
        var harness = new Harness(Of(
            Account("222222222222", IdleOldUser("alice", "AKIAALICEEXAMPLEOLD1"), DueUser("bob", "AKIABOBEXAMPLE0OLD01")),
            Account("333333333333", IdleOldUser("rolf", "AKIAROLFEXAMPLE0OLD1"))));
        // rolf's hand-off fails and is rolled back; its error text passes through the report and audit trail.
        harness.Faults.Add(FaultRule.Always(OperationNames.SecretsManager, OperationNames.CreateSecret, "333333333333") with { Detail = "echoing the request" });
        harness.Faults.Add(FaultRule.OnCall(OperationNames.Sns, OperationNames.Publish, null, FailureKind.Final, 2));

        var report = await harness.RunAsync();

        var secrets = harness.World.IssuedKeys.Select(k => k.Key.SecretAccessKey.Reveal()).ToArray();
        Assert.Equal(3, secrets.Length);
        Assert.Equal(2, harness.World.SecretVault.Secrets.Count);
        var outputs = new List<string> { ReportText.Of(report) };
        outputs.AddRange(harness.World.AuditLog.Events.Select(ReportText.Of));
        outputs.AddRange(harness.World.Sns.Published.Select(ReportText.Of));
        outputs.AddRange(harness.World.IssuedKeys.Select(k => k.ToString()));
        outputs.AddRange(harness.World.SecretVault.Secrets.Select(s => s.ToString()));
        foreach (var secret in secrets)
        {
            Assert.All(outputs, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task RunAsync_AdapterEchoesSecretInError_ScrubbedFromReport()
    {
        var harness = new Harness(Of(Account("222222222222", DueUser("bob", "AKIABOBEXAMPLE0OLD01"))));
        var echo = new EchoingSecretStoreFault(harness);
        var sweep = new Engine.Sweep.OrganizationSweep(harness.Services with { AccountAccess = echo });

        var report = await sweep.RunAsync(harness.Options(), CancellationToken.None);

        var secret = Assert.Single(harness.World.IssuedKeys).Key.SecretAccessKey.Reveal();
        Assert.DoesNotContain(secret, ReportText.Of(report), StringComparison.Ordinal);
        Assert.All(harness.World.AuditLog.Events, e => Assert.DoesNotContain(secret, ReportText.Of(e), StringComparison.Ordinal));
        Assert.Contains("[secret]", ReportText.Of(report), StringComparison.Ordinal);
    }

    [Fact]
    public void SecretText_Printed_NeverShowsValue()
    {
        var key = new NewAccessKey("AKIAEXAMPLE000000001", new SecretText("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Now);

        Assert.DoesNotContain("wJalrXUtnFEMI", key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", $"{key.SecretAccessKey}", StringComparison.Ordinal);
    }

    [Fact]
    public void RedactFrom_TextHoldingSecret_SecretReplaced()
    {
        var secret = new SecretText("abc/DEF+123");

        Assert.Equal("body=[secret]&x=[secret]", secret.RedactFrom("body=abc/DEF+123&x=abc/DEF+123"));
        Assert.Equal("plain", new SecretText("").RedactFrom("plain"));
    }

    [Fact]
    public void Ctor_Defaults_DeliveryIsSecretsManager() =>
        Assert.Equal(SecretDelivery.SecretsManager, new Engine.Runs.RotationRunOptions { RunId = "r", AsOf = Now }.Policy.SecretDelivery);

    /// <summary>An adapter so broken that its error repeats the secret it was given.</summary>
    private sealed class EchoingSecretStoreFault(Harness harness) : IAccountAccess, ISecretStore
    {
        public async Task<IAccountSession> OpenAsync(string accountId, CancellationToken cancellationToken)
        {
            var session = await harness.World.AccountAccess.OpenAsync(accountId, cancellationToken);
            return new Session(session.AccountId, session.Identity, this);
        }

        public Task<string> StoreAccessKeyAsync(string userName, NewAccessKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"bad request body: SecretString={key.SecretAccessKey.Reveal()}");

        public Task<StoredSecretInfo?> DescribeAsync(string userName, CancellationToken cancellationToken) =>
            Task.FromResult<StoredSecretInfo?>(null);

        private sealed record Session(string AccountId, IIdentityStore Identity, ISecretStore Secrets) : IAccountSession;
    }
}
