using KeyRotation.Simulation.Faults;

namespace KeyRotation.Simulation.Tests.Faults;

public class FaultSpecTests
{
    [Fact]
    public void Parse_FullSpec_ReadsEveryFault()
    {
        var spec = FaultSpec.Parse(
            "throttle=0.3,server-error=0.05,timeout=0.02,deny-account=222222222222,secret-store-down=333333333333,notifier-down");

        Assert.Equal(0.3, spec.ThrottleRate);
        Assert.Equal(0.05, spec.ServerErrorRate);
        Assert.Equal(0.02, spec.TimeoutRate);
        Assert.Equal(["222222222222"], spec.DeniedAccounts);
        Assert.Equal(["333333333333"], spec.SecretStoreDownAccounts);
        Assert.False(spec.SecretStoreDownEverywhere);
        Assert.True(spec.IsSecretStoreDown("333333333333"));
        Assert.False(spec.IsSecretStoreDown("444444444444"));
        Assert.True(spec.NotifierDown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingGiven_NoFaults(string? text)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Same(FaultSpec.None, spec);
        Assert.Equal(0, spec.ThrottleRate + spec.ServerErrorRate + spec.TimeoutRate);
        Assert.Empty(spec.DeniedAccounts);
        Assert.False(spec.SecretStoreDownEverywhere || spec.NotifierDown);
    }

    [Fact]
    public void Parse_SecretStoreDownWithoutAccount_MeansEveryAccount()
    {
        var spec = FaultSpec.Parse("secret-store-down");

        Assert.True(spec.SecretStoreDownEverywhere);
        Assert.True(spec.IsSecretStoreDown("123456789012"));
    }

    [Fact]
    public void Parse_RepeatedAccountFaults_CollectsAccounts()
    {
        var spec = FaultSpec.Parse(" deny-account=111111111111 , deny-account=222222222222,secret-store-down=111111111111");

        Assert.Equal(["111111111111", "222222222222"], spec.DeniedAccounts.Order());
        Assert.Equal(["111111111111"], spec.SecretStoreDownAccounts);
    }

    [Theory]
    [InlineData("throttle=0.3,server-error=0.05,timeout=0.02,deny-account=222222222222,secret-store-down=333333333333,notifier-down")]
    [InlineData("secret-store-down,throttle=1")]
    [InlineData("timeout=0.125")]
    public void ToString_Parsed_RoundTrips(string text)
    {
        var spec = FaultSpec.Parse(text);

        var again = FaultSpec.Parse(spec.ToString());

        Assert.Equal(spec.ToString(), again.ToString());
        Assert.Equal(spec.ThrottleRate, again.ThrottleRate);
        Assert.Equal(spec.TimeoutRate, again.TimeoutRate);
        Assert.Equal(spec.SecretStoreDownEverywhere, again.SecretStoreDownEverywhere);
    }

    [Theory]
    [InlineData("thrttle=0.1", "thrttle=0.1", "unknown fault 'thrttle'")]
    [InlineData("throttle", "throttle", "needs a rate")]
    [InlineData("throttle=", "throttle=", "rate '' is not a number")]
    [InlineData("throttle=abc", "throttle=abc", "rate 'abc' is not a number")]
    [InlineData("server-error=1.5", "server-error=1.5", "between 0 and 1")]
    [InlineData("timeout=-0.1", "timeout=-0.1", "between 0 and 1")]
    [InlineData("timeout=NaN", "timeout=NaN", "between 0 and 1")]
    [InlineData("throttle=0.1,throttle=0.2", "throttle=0.2", "more than once")]
    [InlineData("deny-account", "deny-account", "needs an account id")]
    [InlineData("deny-account=12345", "deny-account=12345", "not 12 digits")]
    [InlineData("deny-account=abcdefghijkl", "deny-account=abcdefghijkl", "not 12 digits")]
    [InlineData("secret-store-down=1234567890123", "secret-store-down=1234567890123", "not 12 digits")]
    [InlineData("notifier-down=yes", "notifier-down=yes", "takes no value")]
    [InlineData("throttle=0.1,,timeout=0.1", "", "empty token")]
    [InlineData("throttle=0.1,", "", "empty token")]
    public void Parse_BadToken_ThrowsNamingIt(string text, string token, string problem)
    {
        var error = Assert.Throws<FormatException>(() => FaultSpec.Parse(text));

        Assert.Contains($"token '{token}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected one of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RatesAboveOne_ThrowsNamingRates()
    {
        var error = Assert.Throws<FormatException>(() => FaultSpec.Parse("throttle=0.6,server-error=0.3,timeout=0.2"));

        Assert.Contains("add up to more than 1", error.Message, StringComparison.Ordinal);
    }
}
