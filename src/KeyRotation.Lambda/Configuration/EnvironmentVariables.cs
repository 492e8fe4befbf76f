namespace KeyRotation.Lambda.Configuration;

/// <summary>
/// Every variable the host reads from its own configuration. The central template sets each one; a test reflects
/// over these constants to hold the template to that. Variables the Lambda service sets are in <see cref="LambdaVariables"/>.
/// </summary>
internal static class EnvironmentVariables
{
    /// <summary>Required. Name of the role each member account trusts us with (the StackSet's role).</summary>
    public const string MemberRoleName = "KEYROTATION_MEMBER_ROLE_NAME";

    /// <summary>Required. sts:ExternalId the member role's trust demands. Never logged.</summary>
    public const string ExternalId = "KEYROTATION_EXTERNAL_ID";

    /// <summary>Required. SNS topic ARN for owner notifications.</summary>
    public const string TopicArn = "KEYROTATION_TOPIC_ARN";

    /// <summary>Required. DynamoDB audit table name.</summary>
    public const string AuditTable = "KEYROTATION_AUDIT_TABLE";

    /// <summary>Optional. S3 bucket (Object Lock) where each run's audit digest is sealed; unset: runs are not sealed.</summary>
    public const string AuditDigestBucket = KeyRotation.Aws.Digests.AuditDigestBucket.Variable;

    /// <summary>Optional. S3 bucket the report mode also writes its JSON and HTML to
    /// (<c>posture/&lt;as-of date&gt;/&lt;run id&gt;.json</c> and <c>.html</c>); unset: the report is only answered.</summary>
    public const string ReportBucket = "KEYROTATION_REPORT_BUCKET";

    /// <summary>Optional. S3 bucket, private to the stack, where list-targets writes each run's items
    /// (<c>runs/&lt;run id&gt;/targets.json</c>) for the Distributed Map's item reader, and the map writes its results
    /// (<c>runs/&lt;run id&gt;/results/</c>) for summarize; the template sets it in StepFunctions mode. Unset: the items
    /// and results travel inline in the execution state (about 1,000 accounts at most).</summary>
    public const string FanOutBucket = "KEYROTATION_FAN_OUT_BUCKET";

    /// <summary>Optional. DynamoDB table, private to the stack, holding the next free Organizations turn that every
    /// invocation takes before each Organizations request, so that the Distributed Map's items together keep to
    /// KEYROTATION_ORGANIZATIONS_REQUESTS_PER_SECOND; the template sets it in StepFunctions mode. Unset: each
    /// invocation paces on its own (a rotate-account step at its share, the rate over KEYROTATION_FAN_OUT_CONCURRENCY).</summary>
    public const string OrganizationsTurnsTable = "KEYROTATION_ORGANIZATIONS_TURNS_TABLE";

    /// <summary>Optional: <c>default</c> (165 / 180 / 185, idle 10; the default) or <c>cis</c> (75 / 90 / 100, idle 45): the
    /// thresholds the four day variables below start from (see RotationSettings.Preset).</summary>
    public const string Preset = "KEYROTATION_PRESET";

    /// <summary>Optional whole number 1-36500; default the preset's (165).</summary>
    public const string RotateAfterDays = "KEYROTATION_ROTATE_AFTER_DAYS";

    /// <summary>Optional whole number 1-36500; default the preset's (180).</summary>
    public const string DeactivateAfterDays = "KEYROTATION_DEACTIVATE_AFTER_DAYS";

    /// <summary>Optional whole number 1-36500; default the preset's (185).</summary>
    public const string DeleteAfterDays = "KEYROTATION_DELETE_AFTER_DAYS";

    /// <summary>Optional whole number 0-36500; default the preset's (10).</summary>
    public const string IdleDays = "KEYROTATION_IDLE_DAYS";

    /// <summary>Optional whole number; empty or unset means DeleteAfterDays - DeactivateAfterDays.</summary>
    public const string RecoveryDays = "KEYROTATION_RECOVERY_DAYS";

    /// <summary>Optional whole number; empty or unset means no forced deadline.</summary>
    public const string ForceDeactivateAfterDays = "KEYROTATION_FORCE_DEACTIVATE_AFTER_DAYS";

    /// <summary>Optional; default <c>key-rotation:</c>.</summary>
    public const string TagPrefix = "KEYROTATION_TAG_PREFIX";

    /// <summary>Optional: secrets-manager (default) or notification, as the CLI's --secret-delivery; SecretsManager is
    /// accepted too (templates before this spelling pass it).</summary>
    public const string SecretDelivery = "KEYROTATION_SECRET_DELIVERY";

    /// <summary>Required: true or false. No default, so a forgotten setting never rotates for real.</summary>
    public const string DryRun = "KEYROTATION_DRY_RUN";

    /// <summary>Optional 1-1000; default 64 (HostSettings.DefaultMaxAccountsInFlight); the template allows at most 64.</summary>
    public const string MaxAccountsInFlight = "KEYROTATION_MAX_ACCOUNTS_IN_FLIGHT";

    /// <summary>Optional 1-1000; default the engine's (4); the template allows at most 16.</summary>
    public const string MaxUsersInFlight = "KEYROTATION_MAX_USERS_IN_FLIGHT";

    /// <summary>Optional 1-100; default the engine's (2). Organizations requests per second for the whole organization
    /// (AWS publishes no rate): a sweep paces at it, and so do the fan-out's invocations together, taking turns from
    /// <see cref="OrganizationsTurnsTable"/> (without it each rotate-account paces at its share).</summary>
    public const string OrganizationsRequestsPerSecond = "KEYROTATION_ORGANIZATIONS_REQUESTS_PER_SECOND";

    /// <summary>Optional 1-1000; default unset. rotate-account invocations at once (the template passes the map's
    /// MaxConcurrency); without <see cref="OrganizationsTurnsTable"/> each paces Organizations at the rate over this.
    /// Unset: rotate-account paces as a sweep.</summary>
    public const string FanOutConcurrency = "KEYROTATION_FAN_OUT_CONCURRENCY";

    /// <summary>Optional comma-separated 12-digit account ids; empty means every account.</summary>
    public const string IncludeAccounts = "KEYROTATION_INCLUDE_ACCOUNTS";

    /// <summary>Optional comma-separated 12-digit account ids; excludes always win.</summary>
    public const string ExcludeAccounts = "KEYROTATION_EXCLUDE_ACCOUNTS";

    /// <summary>Optional comma-separated OU ids (ou-...); empty means every OU.</summary>
    public const string IncludeOrganizationalUnits = "KEYROTATION_INCLUDE_OUS";

    /// <summary>Optional comma-separated OU ids (ou-...); excludes always win.</summary>
    public const string ExcludeOrganizationalUnits = "KEYROTATION_EXCLUDE_OUS";

    /// <summary>Optional 0-300 seconds; default 10. The engine's deadline is the Lambda deadline minus this.</summary>
    public const string DeadlineMarginSeconds = "KEYROTATION_DEADLINE_MARGIN_SECONDS";

    /// <summary>Optional 0-900 seconds; default 30. No account is started with less time than this left.</summary>
    public const string MinimumSecondsPerAccount = "KEYROTATION_MIN_SECONDS_PER_ACCOUNT";

    /// <summary>Optional: Trace, Debug, Information (default), Warning, Error or Critical.</summary>
    public const string LogLevel = "KEYROTATION_LOG_LEVEL";

    /// <summary>Optional: what an AWS Health AWS_RISK_CREDENTIALS_EXPOSED event does to each key it names:
    /// <c>revoke</c> (default) or <c>revoke-and-replace</c>.</summary>
    public const string ExposedKeyAction = "EXPOSED_KEY_ACTION";

    /// <summary>Optional IAM path of the managed users, e.g. /engineering/; empty or unset means every user (/).</summary>
    public const string ManagedUserPath = "KEYROTATION_MANAGED_USER_PATH";

    /// <summary>Optional tag a managed user must carry, as key=value; empty or unset means none.</summary>
    public const string ManagedUserTag = "KEYROTATION_MANAGED_USER_TAG";

    /// <summary>Optional IAM role ARN the secrets' resource policy does not deny reading; empty or unset means none.</summary>
    public const string BreakGlassRoleArn = "KEYROTATION_BREAK_GLASS_ROLE_ARN";

    /// <summary>Optional KMS key (alias/..., key id or ARN) new secrets are encrypted with; empty or unset means the AWS managed key.</summary>
    public const string SecretsKmsKey = "KEYROTATION_SECRETS_KMS_KEY";

    /// <summary>Comma-separated endpoints that may subscribe to the topic; required when SecretDelivery is notification.</summary>
    public const string PlaintextSubscribers = "KEYROTATION_PLAINTEXT_SUBSCRIBERS";
}

/// <summary>Variables the Lambda service sets for a custom runtime; the template does not set these.</summary>
internal static class LambdaVariables
{
    /// <summary>host:port of the Runtime API.</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Set per invocation from the Lambda-Runtime-Trace-Id header, for the X-Ray SDK convention.</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";

    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";
}
