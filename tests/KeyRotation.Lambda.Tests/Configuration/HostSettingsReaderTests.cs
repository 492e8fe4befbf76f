using System.Reflection;
using KeyRotation.Core.Policy;
using KeyRotation.Lambda.Configuration;
using KeyRotation.Lambda.Tests.Support;
using Microsoft.Extensions.Logging;
using V = KeyRotation.Lambda.Configuration.EnvironmentVariables;

namespace KeyRotation.Lambda.Tests.Configuration;

public sealed class HostSettingsReaderTests
{
    public static IReadOnlyList<string> AllVariables { get; } =
    [
        .. typeof(EnvironmentVariables).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!),
    ];

    [Fact]
    public void Read_OnlyRequiredVariables_UsesDocumentedDefaults()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With());

        Assert.Equal("KeyRotationMemberRole", settings.MemberRoleName);
        Assert.Equal("ext-Id_2026:rotation", settings.ExternalId.Reveal());
        Assert.Equal("arn:aws:sns:eu-west-1:111111111111:key-rotation", settings.TopicArn);
        Assert.Equal("key-rotation-AuditTable-ABC123", settings.AuditTableName);
        Assert.False(settings.DryRun);
        Assert.Equal(RotationPolicy.Default, settings.Policy);
        Assert.Equal("key-rotation:", settings.Tags.Prefix);
        Assert.Empty(settings.Targeting.IncludeAccounts);
        Assert.Empty(settings.Targeting.ExcludeOrganizationalUnits);
        Assert.Equal(64, settings.MaxAccountsInFlight);
        Assert.Equal(4, settings.MaxUsersInFlight);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.DeadlineMargin);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MinimumTimePerAccount);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Null(settings.FanOutBucket);
    }

    [Fact]
    public void Read_EveryVariableSet_TakesEachValue()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With(
            (V.RotateAfterDays, "75"), (V.DeactivateAfterDays, "90"), (V.DeleteAfterDays, "100"), (V.IdleDays, "45"),
            (V.RecoveryDays, "7"), (V.ForceDeactivateAfterDays, "120"), (V.TagPrefix, "corp:kr/"),
            (V.SecretDelivery, "notification"), (V.DryRun, "TRUE"), (V.MaxAccountsInFlight, "16"), (V.MaxUsersInFlight, "2"),
            (V.IncludeAccounts, "222222222222, 333333333333"), (V.ExcludeAccounts, "444444444444"),
            (V.IncludeOrganizationalUnits, "ou-ab12-cdef3456"), (V.ExcludeOrganizationalUnits, "ou-ab12-99999999 ou-ab12-88888888"),
            (V.DeadlineMarginSeconds, "20"), (V.MinimumSecondsPerAccount, "45"), (V.LogLevel, "debug"),
            (V.ManagedUserPath, "/service/"), (V.ManagedUserTag, "managed=true"),
            (V.BreakGlassRoleArn, "arn:aws:iam::111111111111:role/break-glass"), (V.SecretsKmsKey, "alias/key-rotation-secrets"),
            (V.PlaintextSubscribers, "secops@example.com, https://hooks.example.com/keys")));

        Assert.Equal(new RotationPolicy
        {
            RotateAfterDays = 75, DeactivateAfterDays = 90, DeleteAfterDays = 100, IdleDays = 45, RecoveryDays = 7,
            ForceDeactivateAfterDays = 120, SecretDelivery = SecretDelivery.Notification,
        }, settings.Policy);
        Assert.Equal("corp:kr/", settings.Tags.Prefix);
        Assert.True(settings.DryRun);
        Assert.Equal(16, settings.MaxAccountsInFlight);
        Assert.Equal(2, settings.MaxUsersInFlight);
        Assert.Equal(["222222222222", "333333333333"], settings.Targeting.IncludeAccounts.Order());
        Assert.Equal(["444444444444"], settings.Targeting.ExcludeAccounts);
        Assert.Equal(["ou-ab12-cdef3456"], settings.Targeting.IncludeOrganizationalUnits);
        Assert.Equal(2, settings.Targeting.ExcludeOrganizationalUnits.Count);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.DeadlineMargin);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.MinimumTimePerAccount);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal(("/service/", "managed", "true"), (settings.Scope.UserPath, settings.Scope.RequiredTagKey, settings.Scope.RequiredTagValue));
        Assert.Equal("arn:aws:iam::111111111111:role/break-glass", settings.BreakGlassRoleArn);
        Assert.Equal("alias/key-rotation-secrets", settings.SecretsKmsKey);
        Assert.Equal(["secops@example.com", "https://hooks.example.com/keys"], settings.PlaintextSubscribers);
    }

    [Fact]
    public void Read_NotificationDeliveryWithoutSubscribers_Refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(FakeEnvironment.With((V.SecretDelivery, "Notification"))));

        Assert.Contains(error.Problems, p => p.StartsWith(
            "KEYROTATION_PLAINTEXT_SUBSCRIBERS must name who may subscribe to the topic when KEYROTATION_SECRET_DELIVERY is notification",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ReportBucketSet_IsTheReportBucket_UnsetIsNone()
    {
        Assert.Equal("org-posture-reports", HostSettingsReader.Read(FakeEnvironment.With((V.ReportBucket, "org-posture-reports"))).ReportBucket);
        Assert.Null(HostSettingsReader.Read(FakeEnvironment.With((V.ReportBucket, ""))).ReportBucket);
    }

    /// <summary>The template sets the fan-out bucket in StepFunctions mode and '' otherwise: empty is no bucket (inline).</summary>
    [Fact]
    public void Read_FanOutBucketSet_IsTheFanOutBucket_EmptyOrUnsetIsInline()
    {
        Assert.Equal("key-rotation-fanoutbucket-abc123",
            HostSettingsReader.Read(FakeEnvironment.With((V.FanOutBucket, " key-rotation-fanoutbucket-abc123 "))).FanOutBucket);
        Assert.Null(HostSettingsReader.Read(FakeEnvironment.With((V.FanOutBucket, ""))).FanOutBucket);
        Assert.Null(new HostSettings
        {
            MemberRoleName = "r", ExternalId = new("x"), TopicArn = "t", AuditTableName = "a", DryRun = false,
        }.FanOutBucket);
    }

    [Fact]
    public void Read_ReadsExactlyTheDeclaredVariables()
    {
        var environment = FakeEnvironment.With();

        HostSettingsReader.Read(environment);

        Assert.Equal(AllVariables.Order(), environment.Read.Order());
    }

    [Theory]
    [InlineData(V.RotateAfterDays, "abc", "KEYROTATION_ROTATE_AFTER_DAYS: 'abc' is not a whole number from 1 to 36500")]
    [InlineData(V.IdleDays, "-1", "KEYROTATION_IDLE_DAYS: '-1' is not a whole number from 0 to 36500")]
    [InlineData(V.DeleteAfterDays, "0", "KEYROTATION_DELETE_AFTER_DAYS: '0' is not a whole number from 1 to 36500")]
    [InlineData(V.DryRun, "yes", "KEYROTATION_DRY_RUN='yes' is not true or false")]
    [InlineData(V.SecretDelivery, "1", "KEYROTATION_SECRET_DELIVERY: '1' is not one of secrets-manager, notification")]
    [InlineData(V.Preset, "strict", "KEYROTATION_PRESET: 'strict' is not one of default, cis")]
    [InlineData(V.MaxAccountsInFlight, "1001", "KEYROTATION_MAX_ACCOUNTS_IN_FLIGHT: '1001' is not a whole number from 1 to 1000")]
    [InlineData(V.IncludeAccounts, "12345", "KEYROTATION_INCLUDE_ACCOUNTS: '12345' is not a 12-digit account id")]
    [InlineData(V.ExcludeOrganizationalUnits, "r-ab12", "KEYROTATION_EXCLUDE_OUS: 'r-ab12' is not an organizational unit id")]
    [InlineData(V.TopicArn, "key-rotation", "KEYROTATION_TOPIC_ARN='key-rotation' is not valid")]
    [InlineData(V.MemberRoleName, "role/with/path", "KEYROTATION_MEMBER_ROLE_NAME='role/with/path' is not valid")]
    [InlineData(V.AuditTable, "a", "KEYROTATION_AUDIT_TABLE='a' is not valid")]
    [InlineData(V.AuditDigestBucket, "Digests", "KEYROTATION_AUDIT_DIGEST_BUCKET 'Digests' is not an S3 bucket name")]
    [InlineData(V.ReportBucket, "Reports_Bucket", "KEYROTATION_REPORT_BUCKET 'Reports_Bucket' is not an S3 bucket name")]
    [InlineData(V.FanOutBucket, "s3://fan-out", "KEYROTATION_FAN_OUT_BUCKET 's3://fan-out' is not an S3 bucket name")]
    [InlineData(V.TagPrefix, "bad prefix!", "KEYROTATION_TAG_PREFIX: 'bad prefix!' is not 1-100 characters allowed in tag keys")]
    [InlineData(V.LogLevel, "verbose", "KEYROTATION_LOG_LEVEL='verbose' is not one of")]
    [InlineData(V.DeadlineMarginSeconds, "301", "KEYROTATION_DEADLINE_MARGIN_SECONDS='301' is out of range")]
    [InlineData(V.ManagedUserPath, "service", "KEYROTATION_MANAGED_USER_PATH 'service' must start and end with '/'")]
    [InlineData(V.ManagedUserTag, "managed", "KEYROTATION_MANAGED_USER_TAG 'managed' must be key=value")]
    public void Read_BadValue_ErrorNamesVariableAndValue(string variable, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(FakeEnvironment.With((variable, value))));

        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(V.MemberRoleName)]
    [InlineData(V.ExternalId)]
    [InlineData(V.TopicArn)]
    [InlineData(V.AuditTable)]
    [InlineData(V.DryRun)]
    public void Read_RequiredVariableMissing_ErrorNamesIt(string variable)
    {
        var values = FakeEnvironment.Valid();
        values.Remove(variable);

        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(new FakeEnvironment(values)));

        Assert.Contains(error.Problems, p => p.StartsWith(variable + " is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_InconsistentThresholds_ErrorNamesTheVariablesBehindTheRule()
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(
            FakeEnvironment.With((V.RotateAfterDays, "200"), (V.DeactivateAfterDays, "180"))));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("KEYROTATION_ROTATE_AFTER_DAYS (200) must be less than KEYROTATION_DEACTIVATE_AFTER_DAYS (180)", problem);
    }

    [Fact]
    public void Read_SeveralBadValues_ReportsAllAtOnce()
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(
            FakeEnvironment.With((V.IdleDays, "x"), (V.DryRun, "maybe"), (V.MaxUsersInFlight, "0"))));

        Assert.Equal(3, error.Problems.Count);
    }

    [Fact]
    public void Read_BadExternalId_NeverShowsTheValue()
    {
        var error = Assert.Throws<ConfigurationException>(() => HostSettingsReader.Read(
            FakeEnvironment.With((V.ExternalId, "has a space"))));

        Assert.Contains("KEYROTATION_EXTERNAL_ID=(value hidden, 11 characters)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("has a space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_Printed_DoNotShowTheExternalId()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With());

        Assert.DoesNotContain("ext-Id_2026:rotation", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankOptionalVariables_MeanUnset()
    {
        var settings = HostSettingsReader.Read(FakeEnvironment.With(
            (V.RecoveryDays, ""), (V.ForceDeactivateAfterDays, "  "), (V.IncludeAccounts, ""), (V.TagPrefix, "")));

        Assert.Null(settings.Policy.RecoveryDays);
        Assert.Null(settings.Policy.ForceDeactivateAfterDays);
        Assert.Empty(settings.Targeting.IncludeAccounts);
        Assert.Equal("key-rotation:", settings.Tags.Prefix);
    }

    [Fact]
    public void LenientLogLevel_UnknownValue_FallsBackToInformation()
    {
        Assert.Equal(LogLevel.Information, HostSettingsReader.LenientLogLevel(FakeEnvironment.With((V.LogLevel, "loud"))));
        Assert.Equal(LogLevel.Warning, HostSettingsReader.LenientLogLevel(FakeEnvironment.With((V.LogLevel, "warning"))));
    }
}
