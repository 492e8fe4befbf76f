using KeyRotation.Cli.Hosting;
using KeyRotation.Cli.Running;
using KeyRotation.Core.Audit;
using KeyRotation.Core.Policy;
using KeyRotation.Engine.Reporting;

namespace KeyRotation.Cli.Tests;

public sealed class ExitCodeTests
{
    [Fact]
    public void ExitCodes_Values_AreTheDocumentedOnes()
    {
        Assert.Equal((0, 1, 2, 3, 4, 5), (ExitCodes.Success, ExitCodes.Unexpected, ExitCodes.InvalidInput,
            ExitCodes.AccountsFailed, ExitCodes.Deferred, ExitCodes.AuditIncomplete));
    }

    [Theory]
    [InlineData(0, 0, 0, ExitCodes.Success)]
    [InlineData(1, 0, 0, ExitCodes.AccountsFailed)]
    [InlineData(0, 2, 0, ExitCodes.Deferred)]
    [InlineData(1, 2, 0, ExitCodes.AccountsFailed)]
    [InlineData(1, 2, 1, ExitCodes.AuditIncomplete)]
    [InlineData(0, 0, 1, ExitCodes.AuditIncomplete)]
    public void For_Report_PicksTheMostSeriousCode(int failed, int deferred, int unwritten, int expected)
    {
        var summary = new RunSummary(3, 3 - failed - deferred, 0, failed, deferred, new Dictionary<string, int>(), []);
        var events = Enumerable.Range(0, unwritten).Select(i => new AuditEvent
        {
            EventId = $"e{i}", OccurredAt = DateTimeOffset.UnixEpoch, RunId = "r", AccountId = "222222222222",
            Action = AuditAction.RunFinished, Outcome = AuditOutcome.Succeeded, ToolVersion = "0.1.0",
        }).ToArray();
        var report = new RunReport("r", DateTimeOffset.UnixEpoch, false, RotationPolicy.Default, [], summary, events, []);

        Assert.Equal(expected, ReportExitCode.For(report));
    }

    [Fact]
    public void RunIds_New_IsInstantAndFourHexDigits()
    {
        var id = Engine.Settings.RunIds.New(new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.FromHours(1)), new Random(3));

        Assert.Matches("^2026-11-29T12-00-00Z-[0-9a-f]{4}$", id);
    }
}

public sealed class ReportOptionsTests
{
    [Fact]
    public void ReadAsOf_NotGiven_IsNowInWholeSeconds()
    {
        var options = new KeyRotation.Cli.Options.ReportOptions();
        var command = new System.CommandLine.Command("x");
        options.AddTo(command);
        var now = new DateTimeOffset(2026, 11, 29, 13, 5, 29, TimeSpan.FromHours(1)).AddTicks(9_859_786);

        var asOf = options.ReadAsOf(command.Parse([]), now);

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 5, 29, TimeSpan.Zero), asOf);
    }
}
