using System.Text.RegularExpressions;

namespace KeyRotation.Aws.Configuration;

/// <summary>Checks settings against what STS and SNS accept, so a bad value fails at start-up with its name.</summary>
internal static partial class AwsSettingsValidation
{
    public static IReadOnlyList<string> Problems(AwsSettings s)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(s.RunId)) problems.Add("RunId must not be empty");
        if (!RoleName().IsMatch(s.MemberRoleName))
        {
            problems.Add($"MemberRoleName '{s.MemberRoleName}' is not an IAM role name (1-64 of A-Z a-z 0-9 +=,.@_-, optionally after path/ segments)");
        }

        if (s.ExternalId is { } externalId && !ExternalId().IsMatch(externalId))
        {
            problems.Add($"ExternalId must be 2-1224 of A-Z a-z 0-9 +=,.@:/_- (got {externalId.Length} characters)");
        }

        if (s.SourceIdentity is { } source && !SourceIdentity().IsMatch(source))
        {
            problems.Add($"SourceIdentity '{source}' must be 2-64 of A-Z a-z 0-9 +=,.@_-");
        }

        if (s.TopicArn is { } topic && !TopicArn().IsMatch(topic))
        {
            problems.Add($"TopicArn '{topic}' is not an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<name>)");
        }

        if (s.BreakGlassRoleArn is { } breakGlass && !RoleArn().IsMatch(breakGlass))
        {
            problems.Add($"BreakGlassRoleArn '{breakGlass}' is not an IAM role ARN (arn:<partition>:iam::<account or *>:role/<path/>name)");
        }

        if (s.SecretsKmsKeyId is { } kmsKey && !KmsKey().IsMatch(kmsKey))
        {
            problems.Add($"SecretsKmsKeyId '{kmsKey}' is not a KMS key alias (alias/<name>), key id or key ARN");
        }

        if (s.Region is { } region && !Region().IsMatch(region)) problems.Add($"Region '{region}' is not a region name");
        if (s.EndpointUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add($"EndpointUrl '{url}' is not an absolute http(s) URL");
        }

        if (s.SessionDuration < TimeSpan.FromMinutes(15) || s.SessionDuration > TimeSpan.FromHours(12))
        {
            problems.Add($"SessionDuration must be 15 minutes to 12 hours (got {s.SessionDuration})");
        }

        if (s.CredentialRefreshMargin < TimeSpan.Zero || s.CredentialRefreshMargin * 2 > s.SessionDuration)
        {
            problems.Add($"CredentialRefreshMargin ({s.CredentialRefreshMargin}) must be 0 or more and at most half of SessionDuration ({s.SessionDuration})");
        }

        if (s.RequestTimeout <= TimeSpan.Zero) problems.Add($"RequestTimeout must be positive (got {s.RequestTimeout})");
        if (s.SdkMaxErrorRetry is < 0 or > 10) problems.Add($"SdkMaxErrorRetry must be 0 to 10 (got {s.SdkMaxErrorRetry})");
        problems.AddRange(s.Discovery.Validate());
        return problems;
    }

    [GeneratedRegex(@"^([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$")]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(\d{12}|\*):role/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,64}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}$")]
    private static partial Regex SourceIdentity();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}$")]
    private static partial Regex TopicArn();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^(alias/[A-Za-z0-9/_-]{1,250}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(mrk-[0-9a-f]{32})|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/[A-Za-z0-9/_-]+)$")]
    private static partial Regex KmsKey();
}
