using KeyRotation.Lambda.Runtime;

namespace KeyRotation.Lambda.Tests.Runtime;

public sealed class ErrorRedactionTests
{
    [Fact]
    public void Redact_SecretAccessKeyShapedText_IsCutOut()
    {
        var text = ErrorRedaction.Redact("failed with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in body");

        Assert.Equal("failed with secret [redacted] in body", text);
    }

    [Fact]
    public void Redact_OrdinaryErrorText_IsKept()
    {
        const string message = "IAM CreateAccessKey failed: LimitExceeded (HTTP 409) [request 8c0e3f2a-1b2c-4d5e-8f90-123456789abc]";

        Assert.Equal(message, ErrorRedaction.Redact(message));
    }

    [Fact]
    public void Redact_LongText_IsBounded()
    {
        var text = ErrorRedaction.Redact(new string('x', 5000).Replace("xxxxx", "xx xx", StringComparison.Ordinal));

        Assert.Equal(ErrorRedaction.MaxLength + 3, text.Length);
    }
}
