using KeyRotation.Core.Planning;
using KeyRotation.Core.Tests.Support;

namespace KeyRotation.Core.Tests.Planning;

/// <summary>
/// One row per rule and boundary of ROTATION-POLICY.md. Default policy: rotate 165, deactivate 180, delete 185,
/// idle 10, recovery 5 (derived). Now is 2026-11-29T12:00Z. See <see cref="ScenarioText"/> for the notation.
/// </summary>
public sealed class RotationPlannerTableTests
{
    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        // name, policy, tags, keys, expected actions
        { "Plan_NoKeys_NoActions", "", "", "", "" },
        { "Plan_YoungActiveKey_NoActions", "", "", "A Active age=10 used=1", "" },

        // Step 2: rotation, >= never ==.
        { "Plan_NewestActiveKeyPastRotateAge_CreatesKey", "", "", "A Active age=170 used=1", "CreateKey/RotationDue" },
        { "Plan_NewestActiveKeyExactlyRotateAge_CreatesKey", "", "", "A Active age=165 used=1", "CreateKey/RotationDue" },
        { "Plan_NewestActiveKey164Days_NoActions", "", "", "A Active age=164 used=1", "" },
        { "Plan_NewestActiveKeyOneHourShortOfRotateAge_NoActions", "", "", "A Active age=164.96 used=1", "" },
        { "Plan_NewestActiveKeyFarPastRotateAge_StillRotates", "", "", "A Active age=179 used=1", "CreateKey/RotationDue" },
        { "Plan_OnlyInactiveKeyPastRotateAge_NeverRotates", "", "", "A Inactive age=170", "" },
        { "Plan_NewestActiveYoungOtherActiveOld_NoRotation", "", "", "A Active age=170 used=1; B Active age=20 used=1", "" },
        { "Plan_NewestActiveOldOtherInactiveYoung_InactiveNeverCountsAsNewest", "", "", "A Active age=170 used=1; B Inactive age=20", "DeleteKey/SlotNeededForRotation B; CreateKey/RotationDue" },

        // Step 2: the key limit.
        { "Plan_RotationDueWithInactiveKeyOutOfWindow_FreesSlotThenCreates", "", "", "A Inactive age=100; B Active age=170 used=1", "DeleteKey/SlotNeededForRotation A; CreateKey/RotationDue" },
        { "Plan_RotationDueWithInactiveKeyInRecoveryWindow_BlockedKeyLimit", "", "", "A Inactive age=100 tool=1; B Active age=170 used=1", "Blocked/KeyLimit" },
        { "Plan_RotationDueWithTwoActiveKeys_BlockedKeyLimit", "", "", "A Active age=170 used=1; B Active age=166 used=1", "Blocked/KeyLimit" },
        { "Plan_InactivePastDeleteAgeAndRotationDue_DeletesThenCreates", "", "", "A Inactive age=190; B Active age=170 used=1", "DeleteKey/InactivePastDeleteAge A; CreateKey/RotationDue" },
        { "Plan_InactiveInWindowPastDeleteAgeAndRotationDue_BlockedKeyLimit", "", "", "A Inactive age=190 tool=2; B Active age=170 used=1", "Blocked/KeyLimit" },
        { "Plan_ThreeKeySnapshotTwoDeletable_FreesBothSlots", "", "", "A Inactive age=50; B Inactive age=60; C Active age=170 used=1", "DeleteKey/SlotNeededForRotation B; DeleteKey/SlotNeededForRotation A; CreateKey/RotationDue" },
        { "Plan_ThreeKeySnapshotOneDeletable_BlockedKeyLimit", "", "", "A Inactive age=50; B Active age=168 used=1; C Active age=170 used=1", "Blocked/KeyLimit" },
        { "Plan_TwoOldActiveKeysBothIdle_BlockedAndBothDeactivated", "", "", "A Active age=200; B Active age=190 used=20", "Blocked/KeyLimit; DeactivateKey/NeverUsed A; DeactivateKey/PastDeactivateAgeAndIdle B" },

        // Step 1: deletion and the recovery window (derived recovery = 185 - 180 = 5 days).
        { "Plan_InactiveKeyPastDeleteAge_DeletesIt", "", "", "A Inactive age=185", "DeleteKey/InactivePastDeleteAge A" },
        { "Plan_InactiveKeyOneDayBeforeDeleteAge_KeepsIt", "", "", "A Inactive age=184", "" },
        { "Plan_InactiveKeyInRecoveryWindow_KeepsIt", "", "", "A Inactive age=300 tool=4", "" },
        { "Plan_InactiveKeyRecoveryWindowJustEnded_DeletesIt", "", "", "A Inactive age=300 tool=5", "DeleteKey/InactivePastDeleteAge A" },
        { "Plan_InactiveKeyRecoveryWindowEndsInAnHour_KeepsIt", "", "", "A Inactive age=300 tool=4.96", "" },
        { "Plan_ExplicitRecoveryDaysLongerThanGap_KeepsIt", "recovery=30", "", "A Inactive age=300 tool=20", "" },
        { "Plan_ExplicitRecoveryDaysElapsed_DeletesIt", "recovery=30", "", "A Inactive age=300 tool=30", "DeleteKey/InactivePastDeleteAge A" },
        { "Plan_RecoveryDaysZeroDeactivatedEarlierToday_DeletesIt", "recovery=0", "", "A Inactive age=300 tool=0.5", "DeleteKey/InactivePastDeleteAge A" },
        { "Plan_RecoveryDaysZeroDeactivatedAtNow_KeepsIt", "recovery=0", "", "A Inactive age=300 tool=0", "" },
        { "Plan_DeactivationTimeInFuture_KeepsIt", "recovery=0", "", "A Inactive age=300 tool=-1", "" },
        { "Plan_ActiveKeyWithOldToolDeactivation_NeverDeleted", "", "", "A Active age=300 used=1 tool=100; B Active age=5 used=1", "Warn/StillInUse A" },

        // Step 3: deactivation.
        { "Plan_ActiveKeyPastDeactivateAgeNeverUsed_CreatesAndDeactivates", "", "", "A Active age=180", "CreateKey/RotationDue; DeactivateKey/NeverUsed A" },
        { "Plan_ActiveKeyPastDeactivateAgeIdle_Deactivates", "", "", "A Active age=190 used=30; B Active age=5 used=1", "DeactivateKey/PastDeactivateAgeAndIdle A" },
        { "Plan_ActiveKeyIdleExactlyIdleDays_Deactivates", "", "", "A Active age=190 used=10; B Active age=5 used=1", "DeactivateKey/PastDeactivateAgeAndIdle A" },
        { "Plan_ActiveKeyUsedNineDaysAgo_WarnsStillInUse", "", "", "A Active age=190 used=9.9; B Active age=5 used=1", "Warn/StillInUse A" },
        { "Plan_ActiveKey179DaysIdle_NotDeactivated", "", "", "A Active age=179; B Active age=5 used=1", "" },
        { "Plan_OnlyKeyOldAndInUse_CreatesAndWarns", "", "", "A Active age=181 used=1", "CreateKey/RotationDue; Warn/StillInUse A" },
        { "Plan_ForcedDeadlineReached_DeactivatesKeyInUse", "force=200", "", "A Active age=200 used=1; B Active age=5 used=1", "DeactivateKey/ForcedDeadline A" },
        { "Plan_ForcedDeadlineOneDayAway_WarnsStillInUse", "force=200", "", "A Active age=199 used=1; B Active age=5 used=1", "Warn/StillInUse A" },
        { "Plan_ForcedDeadlineEqualsDeactivateAge_DeactivatesKeyInUse", "force=180", "", "A Active age=180 used=0; B Active age=5 used=1", "DeactivateKey/ForcedDeadline A" },
        { "Plan_IdleKeyPastForcedDeadline_ReportsIdleNotForced", "force=200", "", "A Active age=250 used=50; B Active age=5 used=1", "DeactivateKey/PastDeactivateAgeAndIdle A" },
        { "Plan_IdleDaysZero_KeyUsedTodayIsIdle", "idle=0", "", "A Active age=181 used=0.1; B Active age=5 used=1", "DeactivateKey/PastDeactivateAgeAndIdle A" },
        { "Plan_LastUseInFuture_CountsAsInUse", "idle=0", "", "A Active age=181 used=-0.1; B Active age=5 used=1", "Warn/StillInUse A" },
        { "Plan_InactiveOldKeyAndOldActiveKey_DeleteCreateDeactivateInOrder", "", "", "A Inactive age=190; B Active age=200", "DeleteKey/InactivePastDeleteAge A; CreateKey/RotationDue; DeactivateKey/NeverUsed B" },
        { "Plan_CisPreset_RotatesAt75", "cis", "", "A Active age=75 used=1", "CreateKey/RotationDue" },
        { "Plan_CisPreset_IdleIs45Days", "cis", "", "A Active age=95 used=44; B Active age=5 used=1", "Warn/StillInUse A" },

        // Step 0: exemption.
        { "Plan_ExemptTrue_SkipsWithoutMutation", "", "user:exempt=true", "A Inactive age=300; B Active age=300", "Skip/Exempt" },
        { "Plan_ExemptTrueAnyCase_SkipsWithoutMutation", "", "user:exempt=TRUE", "A Active age=300", "Skip/Exempt" },
        { "Plan_ExemptUntilFutureDate_SkipsWithoutMutation", "", "user:exempt=until:2026-12-31", "A Active age=300", "Skip/Exempt" },
        { "Plan_ExemptUntilToday_SkipsThroughEndOfDay", "", "user:exempt=until:2026-11-29", "A Active age=300", "Skip/Exempt" },
        { "Plan_ExemptUntilYesterday_WarnsExpiredAndPlans", "", "user:exempt=until:2026-11-28", "A Active age=170 used=1", "Warn/ExemptionExpired; CreateKey/RotationDue" },
        { "Plan_ExemptGarbage_RejectsTagAndPlans", "", "user:exempt=yes", "A Active age=170 used=1", "Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_ExemptUntilImpossibleDate_RejectsTagAndPlans", "", "user:exempt=until:2026-02-30", "A Active age=170 used=1", "Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_ExemptFalse_PlansWithoutWarning", "", "user:exempt=false", "A Active age=170 used=1", "CreateKey/RotationDue" },
        { "Plan_ExemptOnAccountOnly_NotExempt", "", "account:exempt=true", "A Active age=170 used=1", "CreateKey/RotationDue" },
        { "Plan_ExemptUserWithBadOverrides_OnlySkip", "", "user:exempt=true user:rotate-after-days=abc", "A Active age=170 used=1", "Skip/Exempt" },

        // Overrides: user over account over global.
        { "Plan_AccountRotateOverride_Applies", "", "account:rotate-after-days=90", "A Active age=90 used=1", "CreateKey/RotationDue" },
        { "Plan_UserOverrideBeatsAccountOverride", "", "account:rotate-after-days=90 user:rotate-after-days=120", "A Active age=100 used=1", "" },
        { "Plan_UserOverrideBeatsGlobal", "", "user:rotate-after-days=120", "A Active age=120 used=1", "CreateKey/RotationDue" },
        { "Plan_OverrideNotInteger_RejectedAndGlobalApplies", "", "user:rotate-after-days=abc", "A Active age=165 used=1", "Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_OverrideMakingPolicyInvalid_RejectedAndGlobalApplies", "", "user:rotate-after-days=180", "A Active age=170 used=1", "Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_OverrideZeroRotate_Rejected", "", "account:rotate-after-days=0", "A Active age=1 used=1", "Warn/OverrideRejected" },
        { "Plan_AccountOverridesValidOnlyTogether_AllApply", "", "account:rotate-after-days=75 account:deactivate-after-days=90 account:delete-after-days=100", "A Active age=95 used=1", "CreateKey/RotationDue; Warn/StillInUse A" },
        { "Plan_AccountOverridesJointlyInvalid_AllRejected", "", "account:rotate-after-days=100 account:delete-after-days=150", "A Active age=120 used=1", "Warn/OverrideRejected; Warn/OverrideRejected" },
        { "Plan_AccountSetRejectedUserSetValid_UserApplies", "", "account:rotate-after-days=100 account:delete-after-days=150 user:rotate-after-days=110", "A Active age=120 used=1", "Warn/OverrideRejected; Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_UserOverrideInvalidOverAccount_AccountStands", "", "account:rotate-after-days=75 account:deactivate-after-days=90 account:delete-after-days=100 user:rotate-after-days=120", "A Active age=80 used=1", "Warn/OverrideRejected; CreateKey/RotationDue" },
        { "Plan_IdleDaysOverride_Applies", "", "user:idle-days=30", "A Active age=190 used=20; B Active age=5 used=1", "Warn/StillInUse A" },
        { "Plan_NegativeIdleDaysOverride_Rejected", "", "user:idle-days=-1", "A Active age=190 used=20; B Active age=5 used=1", "Warn/OverrideRejected; DeactivateKey/PastDeactivateAgeAndIdle A" },
        { "Plan_DeactivateOverrideBeyondForcedDeadline_Rejected", "force=200", "account:deactivate-after-days=250 account:delete-after-days=260", "A Active age=200 used=1; B Active age=5 used=1", "Warn/OverrideRejected; Warn/OverrideRejected; DeactivateKey/ForcedDeadline A" },
        { "Plan_DeleteOverride_LengthensDerivedRecovery", "", "user:delete-after-days=200", "A Inactive age=200 tool=10", "" },
        { "Plan_DeleteOverride_DeletesAfterDerivedRecovery", "", "user:delete-after-days=200", "A Inactive age=200 tool=20", "DeleteKey/InactivePastDeleteAge A" },
        { "Plan_OverrideOverflowingInt_Rejected", "", "user:idle-days=99999999999", "A Active age=1 used=1", "Warn/OverrideRejected" },
        { "Plan_OverrideWithBlanks_Applies", "", "user:idle-days=+30", "A Active age=190 used=20; B Active age=5 used=1", "Warn/StillInUse A" },
        { "Plan_ExpiredExemptionAndRejectedOverride_NotesFirst", "", "user:exempt=until:2020-01-01 account:idle-days=x", "A Inactive age=190", "Warn/ExemptionExpired; Warn/OverrideRejected; DeleteKey/InactivePastDeleteAge A" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Plan_PolicyTableRow_MatchesExpectedActions(string name, string policy, string tags, string keys, string expected)
    {
        var plan = RotationPlanner.Plan(ScenarioText.Input(policy, tags, keys));

        Assert.True(expected == ScenarioText.Describe(plan), $"{name}: expected [{expected}] but planned [{ScenarioText.Describe(plan)}]");
    }
}
