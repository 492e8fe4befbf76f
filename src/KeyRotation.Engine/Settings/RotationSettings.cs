using System.Text.RegularExpressions;
using KeyRotation.Core.Policy;
using KeyRotation.Core.Tags;
using KeyRotation.Core.Targeting;
using KeyRotation.Core.Text;
using KeyRotation.Engine.Resilience.RateLimits;
using KeyRotation.Engine.Sweep;
using KeyRotation.Engine.Runs;

namespace KeyRotation.Engine.Settings;

/// <summary>
/// The settings of a run as hosts take them in text, each with one rule, one spelling and one default. A CLI flag, a
/// Lambda variable and an event field are names for a field here: a host hands <see cref="Read"/> the text it has
/// under each field and renders the <see cref="SettingProblem"/>s with its own names.
/// </summary>
public static partial class RotationSettings
{
    /// <summary>The engine's defaults for what a host leaves unset; each is written once, on <see cref="RotationRunOptions"/>.</summary>
    public static RotationRunOptions Defaults { get; } = new() { RunId = "defaults", AsOf = default };

    /// <summary>The policy's thresholds take at most a hundred years: more is surely a typo.</summary>
    public const int MaxDays = 36_500;

    /// <summary>The most accounts or users in flight a host accepts; the engine's default is within it.</summary>
    public const int MaxInFlight = 1_000;

    public const string PresetField = "Preset";
    public const string TagPrefixField = "TagPrefix";
    public const string IncludeAccountsField = nameof(AccountTargeting.IncludeAccounts);
    public const string ExcludeAccountsField = nameof(AccountTargeting.ExcludeAccounts);
    public const string IncludeOrganizationalUnitsField = nameof(AccountTargeting.IncludeOrganizationalUnits);
    public const string ExcludeOrganizationalUnitsField = nameof(AccountTargeting.ExcludeOrganizationalUnits);
    public const string ManagedUserPathField = ManagedScope.UserPathField;
    public const string ManagedUserTagField = ManagedScope.UserTagField;
    public const string PlaintextSubscribersField = RotationRunOptionsValidation.PlaintextSubscribersField;
    public const string RunIdField = nameof(RotationRunOptions.RunId);
    public const string AsOfField = nameof(RotationRunOptions.AsOf);

    /// <summary>The policy a run starts from before any threshold is given one by one. Default <c>default</c>.</summary>
    public static ChoiceRule<RotationPolicy> Preset { get; } = new(PresetField,
        [("default", RotationPolicy.Default), ("cis", RotationPolicy.Cis)], []);

    public static WholeNumberRule RotateAfterDays { get; } = new(nameof(RotationPolicy.RotateAfterDays), 1, MaxDays);

    public static WholeNumberRule DeactivateAfterDays { get; } = new(nameof(RotationPolicy.DeactivateAfterDays), 1, MaxDays);

    public static WholeNumberRule DeleteAfterDays { get; } = new(nameof(RotationPolicy.DeleteAfterDays), 1, MaxDays);

    public static WholeNumberRule IdleDays { get; } = new(nameof(RotationPolicy.IdleDays), 0, MaxDays);

    public static WholeNumberRule RecoveryDays { get; } = new(nameof(RotationPolicy.RecoveryDays), 0, MaxDays);

    public static WholeNumberRule ForceDeactivateAfterDays { get; } = new(nameof(RotationPolicy.ForceDeactivateAfterDays), 1, MaxDays);

    /// <summary>
    /// <c>secrets-manager|notification</c>. The enum's names (<c>SecretsManager</c>, <c>Notification</c>) are
    /// accepted too: stacks deployed from templates before this spelling pass them in KEYROTATION_SECRET_DELIVERY.
    /// </summary>
    public static ChoiceRule<SecretDelivery> SecretDelivery { get; } = new(nameof(RotationPolicy.SecretDelivery),
        [("secrets-manager", Core.Policy.SecretDelivery.SecretsManager), ("notification", Core.Policy.SecretDelivery.Notification)],
        [(nameof(Core.Policy.SecretDelivery.SecretsManager), Core.Policy.SecretDelivery.SecretsManager)]);

    /// <summary>What a tag prefix may hold: characters IAM and Organizations allow in tag keys.</summary>
    public const string TagPrefixExpectation = "1-100 characters allowed in tag keys (letters, digits, spaces excluded, and _ . : / = + @ -)";

    public static IdListRule IncludeAccounts { get; } = new(IncludeAccountsField, AccountIds.IsValid, AccountIds.Expectation);

    public static IdListRule ExcludeAccounts { get; } = new(ExcludeAccountsField, AccountIds.IsValid, AccountIds.Expectation);

    public static IdListRule IncludeOrganizationalUnits { get; } = new(IncludeOrganizationalUnitsField, IsOrganizationalUnitId, OrganizationalUnitExpectation);

    public static IdListRule ExcludeOrganizationalUnits { get; } = new(ExcludeOrganizationalUnitsField, IsOrganizationalUnitId, OrganizationalUnitExpectation);

    public static WholeNumberRule MaxAccountsInFlight { get; } = new(nameof(RotationRunOptions.MaxAccountsInFlight), 1, MaxInFlight);

    public static WholeNumberRule MaxUsersInFlight { get; } = new(nameof(RotationRunOptions.MaxUsersInFlight), 1, MaxInFlight);

    /// <summary>
    /// Organizations requests per second for the whole organization (AWS publishes no rate; the engine assumes
    /// <see cref="RateLimitOptions.OrganizationsRequestsPerSecond"/>, 2). A sweep paces at it; in a fan-out each
    /// rotation step paces at its share, the rate over <see cref="FanOutConcurrency"/>.
    /// </summary>
    public static WholeNumberRule OrganizationsRequestsPerSecond { get; } = new(nameof(RateLimitOptions.OrganizationsRequestsPerSecond), 1, 100);

    /// <summary>How many rotation steps of a fan-out run at once (the Step Functions map's MaxConcurrency). Default none:
    /// a rotation step invoked on its own paces as a sweep.</summary>
    public static WholeNumberRule FanOutConcurrency { get; } = new("FanOutConcurrency", 1, MaxInFlight);

    /// <summary>What an OU id may look like: <c>ou-</c> and lower-case letters, digits and dashes (AWS's are
    /// <c>ou-xxxx-xxxxxxxx</c>; a simulated organization's may be shorter, e.g. <c>ou-prod</c>).</summary>
    public const string OrganizationalUnitExpectation = "an organizational unit id (ou-...)";

    /// <summary>Every field a host may name, for renaming them in problem texts.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        PresetField, RotateAfterDays.Field, DeactivateAfterDays.Field, DeleteAfterDays.Field, IdleDays.Field, RecoveryDays.Field,
        ForceDeactivateAfterDays.Field, SecretDelivery.Field, TagPrefixField, IncludeAccountsField, ExcludeAccountsField,
        IncludeOrganizationalUnitsField, ExcludeOrganizationalUnitsField, ManagedUserPathField, ManagedUserTagField,
        PlaintextSubscribersField, MaxAccountsInFlight.Field, MaxUsersInFlight.Field, RunIdField, AsOfField,
        OrganizationsRequestsPerSecond.Field, FanOutConcurrency.Field,
    ];

    /// <summary>
    /// Reads every setting from the text a host has under each field (<paramref name="text"/> answers null or blank for
    /// one not given) and checks the whole; every problem is collected, none stops the reading.
    /// </summary>
    public static RunSettingValues Read(Func<string, string?> text, out IReadOnlyList<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<SettingProblem>();
        var policy = ReadPolicy(text, found);

        var prefix = text(TagPrefixField)?.Trim();
        if (string.IsNullOrEmpty(prefix))
        {
            prefix = TagConventions.DefaultPrefix;
        }
        else if (!TagPrefixPattern().IsMatch(prefix))
        {
            found.Add(new SettingProblem(TagPrefixField, prefix, $"is not {TagPrefixExpectation}"));
        }

        var targeting = new AccountTargeting(
            IncludeAccounts.Read(text(IncludeAccountsField), found),
            ExcludeAccounts.Read(text(ExcludeAccountsField), found),
            IncludeOrganizationalUnits.Read(text(IncludeOrganizationalUnitsField), found),
            ExcludeOrganizationalUnits.Read(text(ExcludeOrganizationalUnitsField), found));

        var scope = ManagedScope.Parse(Blank(text(ManagedUserPathField)), Blank(text(ManagedUserTagField)), out var scopeProblems);
        found.AddRange(scopeProblems.Select(p => new SettingProblem(null, null, p)));

        var subscribers = (text(PlaintextSubscribersField) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (RotationRunOptionsValidation.PlaintextProblem(policy.SecretDelivery, subscribers) is { } plaintext)
        {
            found.Add(new SettingProblem(null, null, plaintext));
        }

        problems = found;
        return new RunSettingValues
        {
            Policy = policy,
            Tags = new TagConventions(prefix),
            Targeting = targeting,
            Scope = scope,
            PlaintextSubscribers = subscribers,
            MaxAccountsInFlight = MaxAccountsInFlight.Read(text(MaxAccountsInFlight.Field), found),
            MaxUsersInFlight = MaxUsersInFlight.Read(text(MaxUsersInFlight.Field), found),
            OrganizationsRequestsPerSecond = OrganizationsRequestsPerSecond.Read(text(OrganizationsRequestsPerSecond.Field), found),
            FanOutConcurrency = FanOutConcurrency.Read(text(FanOutConcurrency.Field), found),
        };
    }

    /// <summary>The preset, then each threshold given, then the whole policy's rules (which name the fields).</summary>
    public static RotationPolicy ReadPolicy(Func<string, string?> text, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var preset = Preset.Read(text(PresetField), RotationPolicy.Default, problems);
        var policy = preset with
        {
            RotateAfterDays = RotateAfterDays.Read(text(RotateAfterDays.Field), problems) ?? preset.RotateAfterDays,
            DeactivateAfterDays = DeactivateAfterDays.Read(text(DeactivateAfterDays.Field), problems) ?? preset.DeactivateAfterDays,
            DeleteAfterDays = DeleteAfterDays.Read(text(DeleteAfterDays.Field), problems) ?? preset.DeleteAfterDays,
            IdleDays = IdleDays.Read(text(IdleDays.Field), problems) ?? preset.IdleDays,
            RecoveryDays = RecoveryDays.Read(text(RecoveryDays.Field), problems) ?? preset.RecoveryDays,
            ForceDeactivateAfterDays = ForceDeactivateAfterDays.Read(text(ForceDeactivateAfterDays.Field), problems) ?? preset.ForceDeactivateAfterDays,
            SecretDelivery = SecretDelivery.Read(text(SecretDelivery.Field), preset.SecretDelivery, problems),
        };

        // A value already refused would only repeat itself as a broken rule between fields.
        if (problems.Count == before)
        {
            foreach (var problem in policy.Validate()) problems.Add(new SettingProblem(null, null, problem));
        }

        return policy;
    }

    /// <summary>A run id a caller gives; null when not given. Blank is not "not given" here: it is an unusable id.</summary>
    public static string? ReadRunId(string? text, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (text is null || RunIds.IsValid(text)) return text;
        problems.Add(new SettingProblem(RunIdField, text, $"is not a run id: expected {RunIds.Expectation}"));
        return null;
    }

    /// <summary>An evaluation instant a caller gives (<see cref="InstantText"/>); null when not given or unusable.</summary>
    public static DateTimeOffset? ReadAsOf(string? text, ICollection<SettingProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (text is null) return null;
        if (InstantText.TryParse(text.Trim(), out var instant)) return instant;
        problems.Add(new SettingProblem(AsOfField, text, "is not an ISO 8601 instant with a time zone, e.g. 2026-11-29T12:00:00Z"));
        return null;
    }

    /// <summary>Clock skew allowed between the clock that fixed a run's instant and the one acting on it.</summary>
    public static TimeSpan FutureTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The future-instant guard: a run that changes keys never acts on an instant later than now (plus
    /// <see cref="FutureTolerance"/>), since keys would look older than they are. A dry run may plan for any instant.
    /// </summary>
    /// <returns>The problem, naming <see cref="AsOfField"/> and the instant, or null.</returns>
    public static SettingProblem? FutureAsOfProblem(DateTimeOffset asOf, DateTimeOffset now, bool dryRun) =>
        !dryRun && asOf > now + FutureTolerance
            ? new SettingProblem(AsOfField, InstantText.Format(asOf),
                "is in the future; a run that changes keys never acts on a future instant (keys would look older than they are); "
                + "only a dry run may plan for one")
            : null;

    private static bool IsOrganizationalUnitId(string id) => OrganizationalUnitPattern().IsMatch(id);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^[\p{L}\p{N}_.:/=+@-]{1,100}$")]
    private static partial Regex TagPrefixPattern();

    [GeneratedRegex("^ou-[0-9a-z-]{1,64}$")]
    private static partial Regex OrganizationalUnitPattern();
}
