using KeyRotation.Engine.Resilience;

namespace KeyRotation.Engine.Tests.Resilience;

public class ResilienceOptionsTests
{
    [Fact]
    public void Ctor_Defaults()
    {
        var options = new ResilienceOptions();

        Assert.Equal(6, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.MaxDelay);
        Assert.Equal(20, options.RateLimits.IamRequestsPerSecondPerAccount);
        Assert.Equal(20, options.RateLimits.IamBurstPerAccount);
        Assert.Equal(2, options.RateLimits.OrganizationsRequestsPerSecond);
        Assert.Equal(2, options.RateLimits.OrganizationsBurst);
        Assert.Equal(500, options.RateLimits.StsRequestsPerSecond);
        Assert.Equal(500, options.RateLimits.StsBurst);
        Assert.Equal(5, options.Breaker.FailuresBeforeGivingUp);
        Assert.Equal(options, ResilienceOptions.Default);
        options.Validate();
    }

    public static TheoryData<ResilienceOptions, string> BadOptions() => new()
    {
        { new() { Retry = new() { MaxRetryAttempts = -1 } }, "MaxRetryAttempts" },
        { new() { Retry = new() { BaseDelay = TimeSpan.Zero } }, "BaseDelay" },
        { new() { Retry = new() { MaxDelay = TimeSpan.FromMilliseconds(100) } }, "MaxDelay" },
        { new() { RateLimits = new() { IamRequestsPerSecondPerAccount = 0 } }, "IamRequestsPerSecondPerAccount" },
        { new() { RateLimits = new() { IamRequestsPerSecondPerAccount = double.NaN } }, "IamRequestsPerSecondPerAccount" },
        { new() { RateLimits = new() { IamBurstPerAccount = 0 } }, "IamBurstPerAccount" },
        { new() { RateLimits = new() { OrganizationsRequestsPerSecond = -1 } }, "OrganizationsRequestsPerSecond" },
        { new() { RateLimits = new() { OrganizationsBurst = 0 } }, "OrganizationsBurst" },
        { new() { RateLimits = new() { StsRequestsPerSecond = 0 } }, "StsRequestsPerSecond" },
        { new() { RateLimits = new() { StsBurst = 0 } }, "StsBurst" },
        { new() { Breaker = new() { FailuresBeforeGivingUp = 0 } }, "FailuresBeforeGivingUp" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadField_ThrowsNamingIt(ResilienceOptions options, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
