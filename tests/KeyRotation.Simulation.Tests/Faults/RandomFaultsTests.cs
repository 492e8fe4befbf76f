using KeyRotation.Engine.Ports;
using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Tests.Faults;

public class RandomFaultsTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";

    private static readonly FaultSpec Mixed = FaultSpec.Parse("throttle=0.2,server-error=0.1,timeout=0.05");

    private static SimulatedCall Call(string service, string operation, string account) => new(service, operation, account);

    private static List<string> Outcomes(RandomFaults faults, SimulatedCall call, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => faults.FaultFor(call)?.Code ?? "ok")];

    [Fact]
    public void FaultFor_SameSeedSameCalls_SameFaults()
    {
        var call = Call("iam", "CreateAccessKey", A);

        Assert.Equal(Outcomes(new RandomFaults(Mixed, 42), call, 500), Outcomes(new RandomFaults(Mixed, 42), call, 500));
    }

    [Fact]
    public void FaultFor_OtherSeed_OtherFaults()
    {
        var call = Call("iam", "CreateAccessKey", A);

        Assert.NotEqual(Outcomes(new RandomFaults(Mixed, 1), call, 500), Outcomes(new RandomFaults(Mixed, 2), call, 500));
    }

    [Fact]
    public void FaultFor_InterleavingOfAccounts_DoesNotChangeEachAccountsFaults()
    {
        var callA = Call("iam", "DeleteAccessKey", A);
        var callB = Call("iam", "DeleteAccessKey", B);
        var sequential = new RandomFaults(Mixed, 7);
        var expectedA = Outcomes(sequential, callA, 300);
        var expectedB = Outcomes(sequential, callB, 300);

        var interleaved = new RandomFaults(Mixed, 7);
        var actualA = new List<string>();
        var actualB = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            actualB.Add(interleaved.FaultFor(callB)?.Code ?? "ok");
            actualA.Add(interleaved.FaultFor(callA)?.Code ?? "ok");
            interleaved.FaultFor(Call("sts", "AssumeRole", A));
        }

        Assert.Equal(expectedA, actualA);
        Assert.Equal(expectedB, actualB);
    }

    [Fact]
    public void FaultFor_ParallelAccounts_SameFaultsPerAccountAsSequential()
    {
        var accounts = Enumerable.Range(0, 16).Select(i => $"{i + 100_000_000_000}").ToList();
        var sequential = new RandomFaults(Mixed, 99);
        var expected = accounts.ToDictionary(a => a, a => Outcomes(sequential, Call("iam", "ReadUser", a), 200));

        var parallel = new RandomFaults(Mixed, 99);
        var actual = new System.Collections.Concurrent.ConcurrentDictionary<string, List<string>>();
        Parallel.ForEach(accounts, a => actual[a] = Outcomes(parallel, Call("iam", "ReadUser", a), 200));

        foreach (var a in accounts) Assert.Equal(expected[a], actual[a]);
        Assert.Equal(sequential.Injected, parallel.Injected);
    }

    [Fact]
    public void FaultFor_ManyCalls_RatesApproximatelyAsSpecified()
    {
        var faults = new RandomFaults(Mixed, 2024);
        var kinds = new Dictionary<string, int>();
        const int Calls = 40_000;
        for (var i = 0; i < Calls; i++)
        {
            var call = Call(i % 2 == 0 ? "iam" : "secretsmanager", "Op" + (i % 5), $"{100_000_000_000 + (i % 50)}");
            var code = faults.FaultFor(call) switch
            {
                null => "ok",
                { Kind: FailureKind.Throttling } => "throttle",
                { Code: "RequestTimeout" } => "timeout",
                { Kind: FailureKind.Transient } => "server",
                var other => other.Code,
            };
            kinds[code] = kinds.GetValueOrDefault(code) + 1;
        }

        Assert.InRange(kinds["throttle"] / (double)Calls, 0.19, 0.21);
        Assert.InRange(kinds["server"] / (double)Calls, 0.09, 0.11);
        Assert.InRange(kinds["timeout"] / (double)Calls, 0.04, 0.06);
        Assert.Equal(4, kinds.Count);
        Assert.Equal(Calls - kinds["ok"], faults.Injected);
    }

    [Fact]
    public void FaultFor_ServerErrors_Mix500And503()
    {
        var faults = new RandomFaults(FaultSpec.Parse("server-error=1"), 5);

        var codes = Enumerable.Range(0, 200).Select(_ => faults.FaultFor(Call("iam", "ReadUser", A))!).ToList();

        Assert.All(codes, e => Assert.Equal(FailureKind.Transient, e.Kind));
        Assert.Contains(codes, e => e is { Code: "InternalFailure", HttpStatus: 500 });
        Assert.Contains(codes, e => e is { Code: "ServiceUnavailable", HttpStatus: 503 });
    }

    [Theory]
    [InlineData("iam", "Throttling")]
    [InlineData("sts", "Throttling")]
    [InlineData("sns", "Throttling")]
    [InlineData("organizations", "TooManyRequestsException")]
    [InlineData("secretsmanager", "ThrottlingException")]
    [InlineData("audit", "ThrottlingException")]
    public void FaultFor_Throttle_RaisesTheServicesThrottlingCode(string service, string code)
    {
        var error = new RandomFaults(FaultSpec.Parse("throttle=1"), 1).FaultFor(Call(service, "Any", A))!;

        Assert.Equal(code, error.Code);
        Assert.Equal(FailureKind.Throttling, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(service, error.Service);
        Assert.Equal("Any", error.Operation);
    }

    [Fact]
    public void FaultFor_Timeout_IsTransientRequestTimeout()
    {
        var error = new RandomFaults(FaultSpec.Parse("timeout=1"), 1).FaultFor(Call("iam", "CreateAccessKey", A))!;

        Assert.Equal(("RequestTimeout", FailureKind.Transient), (error.Code, error.Kind));
    }

    [Fact]
    public void FaultFor_DeniedAccount_OnlyItsAssumeRoleDenied()
    {
        var faults = new RandomFaults(FaultSpec.Parse($"deny-account={A}"), 1);

        Assert.Equal(FailureKind.AccessDenied, faults.FaultFor(Call("sts", "AssumeRole", A))!.Kind);
        Assert.Equal(FailureKind.AccessDenied, faults.FaultFor(Call("sts", "AssumeRole", A))!.Kind);
        Assert.Null(faults.FaultFor(Call("sts", "AssumeRole", B)));
        Assert.Null(faults.FaultFor(Call("iam", "ListUsers", A)));
    }

    [Fact]
    public void FaultFor_SecretStoreDownForAccount_FinalOnItsSecretsManagerOnly()
    {
        var faults = new RandomFaults(FaultSpec.Parse($"secret-store-down={A}"), 1);

        var error = faults.FaultFor(Call("secretsmanager", "PutSecretValue", A))!;

        Assert.Equal(FailureKind.Final, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Equal("InternalServiceError", error.Code);
        Assert.Null(faults.FaultFor(Call("secretsmanager", "PutSecretValue", B)));
        Assert.Null(faults.FaultFor(Call("iam", "CreateAccessKey", A)));
    }

    [Fact]
    public void FaultFor_SecretStoreDownEverywhere_EveryAccountFails()
    {
        var faults = new RandomFaults(FaultSpec.Parse("secret-store-down"), 1);

        Assert.NotNull(faults.FaultFor(Call("secretsmanager", "CreateSecret", A)));
        Assert.NotNull(faults.FaultFor(Call("secretsmanager", "CreateSecret", B)));
    }

    [Fact]
    public void FaultFor_NotifierDown_PublishFailsFinal()
    {
        var faults = new RandomFaults(FaultSpec.Parse("notifier-down"), 1);

        var error = faults.FaultFor(Call("sns", "Publish", A))!;

        Assert.Equal(FailureKind.Final, error.Kind);
        Assert.Null(faults.FaultFor(Call("iam", "CreateAccessKey", A)));
    }

    [Fact]
    public void FaultFor_NoFaults_NeverFails()
    {
        var faults = new RandomFaults(FaultSpec.None, 3);

        for (var i = 0; i < 1_000; i++) Assert.Null(faults.FaultFor(Call("iam", "CreateAccessKey", A)));
        Assert.Equal(0, faults.Injected);
    }
}
