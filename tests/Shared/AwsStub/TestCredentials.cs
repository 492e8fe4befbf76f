using Amazon.Runtime;

namespace KeyRotation.Testing.AwsStub;

/// <summary>AWS's documented example key pair; never valid anywhere.</summary>
internal static class TestCredentials
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static AWSCredentials Central => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
