using KeyRotation.Aws.Configuration;
using KeyRotation.Aws;
using KeyRotation.Aws.Endpoints;
using KeyRotation.Aws.Variables;
using KeyRotation.Lambda.Configuration;

namespace KeyRotation.Lambda.Wiring;

/// <summary>The AWS adapters' settings for one invocation, and the check that they will work, made once at init.</summary>
internal static class AwsSettingsFactory
{
    /// <summary>The run id names the member-role sessions, so CloudTrail ties every IAM change to its run.</summary>
    public static AwsSettings For(HostSettings settings, string runId) => new()
    {
        RunId = runId,
        MemberRoleName = settings.MemberRoleName,
        ExternalId = settings.ExternalId.Reveal(),
        TopicArn = settings.TopicArn,
        BreakGlassRoleArn = settings.BreakGlassRoleArn,
        SecretsKmsKeyId = settings.SecretsKmsKey,
    };

    /// <summary>
    /// Fails init instead of every invocation when the adapters could not be built: settings the adapters refuse,
    /// no region (Lambda always sets AWS_REGION), or a malformed endpoint override. Makes no network call.
    /// </summary>
    /// <exception cref="ConfigurationException">Each problem, named.</exception>
    public static void Check(HostSettings settings, IEnvironmentVariables environment)
    {
        var problems = AwsAdapters.Problems(For(settings, "init"), environment)
            .Select(p => p.StartsWith(nameof(AwsSettings.BreakGlassRoleArn) + " ", StringComparison.Ordinal)
                ? EnvironmentVariables.BreakGlassRoleArn + p[nameof(AwsSettings.BreakGlassRoleArn).Length..]
                : p.StartsWith(nameof(AwsSettings.SecretsKmsKeyId) + " ", StringComparison.Ordinal)
                    ? EnvironmentVariables.SecretsKmsKey + p[nameof(AwsSettings.SecretsKmsKeyId).Length..]
                    : p)
            .ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
    }
}
