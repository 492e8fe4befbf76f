using KeyRotation.Cli.Tests.Support;

namespace KeyRotation.Cli.Tests.Report;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private Task<CliRun> Report(params string[] extra) =>
        CliRun.Of(["report", "--simulation", files.Write("org.json", SampleOrganization.Json), "--as-of", SampleOrganization.AsOf, .. extra]);

    [Fact]
    public async Task Report_HandWrittenFile_JsonFiguresFollowThePlannersDecisions()
    {
        var run = await Report("--output", "json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        var dev = run.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "222222222222");
        var figures = dev.GetProperty("figures");
        // erin: due, two keys, the Inactive one still restorable: the planner's Blocked/KeyLimit.
        Assert.Equal(1, figures.GetProperty("blockedByKeyLimit").GetInt32());
        // frank: exempt by tag without end.
        Assert.Equal(1, figures.GetProperty("exemptUsers").GetInt32());
        var blocked = Assert.Single(run.Json().GetProperty("blockedUsers").EnumerateArray());
        Assert.Equal(("erin", "KeyLimit"), (blocked.GetProperty("userName").GetString(), blocked.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Report_AnyOrganization_ChangesNothingAndAuditsNothing()
    {
        var run = await Report("--output", "json");

        var world = Assert.Single(run.Worlds);
        Assert.Empty(world.IssuedKeys);
        Assert.Empty(world.AuditLog.Events);
    }

    [Fact]
    public async Task Report_Csv_OneRowPerScopeSpreadsheetSafe()
    {
        var json = SampleOrganization.Json.Replace("\"name\": \"dev\"", "\"name\": \"=HYPERLINK(1)\"", StringComparison.Ordinal);
        var run = await CliRun.Of("report", "--simulation", files.Write("org.json", json), "--as-of", SampleOrganization.AsOf, "--output", "csv");

        Assert.Equal(0, run.ExitCode);
        var rows = Csv.Parse(run.Out);
        Assert.Equal(["scope", "id", "name", "ouPath", "status", "reason", "users"], rows[0].Take(7));
        Assert.Equal("organization", rows[1][0]);
        Assert.Contains(rows, r => r[0] == "ou" && r[1] == "ou-work");
        var dev = rows.Single(r => r[0] == "account" && r[1] == "222222222222");
        Assert.Equal("'=HYPERLINK(1)", dev[2]);
        var skipped = rows.Single(r => r[0] == "account" && r[4] == "Skipped" && r[5] == "OptOut");
        Assert.All(skipped.Skip(6), cell => Assert.Equal("", cell));
        var share = Array.IndexOf(rows[0], "withinPolicyShare");
        Assert.Matches(@"^(0|1)(\.[0-9]{1,4})?$", rows[1][share]);
    }

    [Fact]
    public async Task Report_Table_HeadlineSharesAndLists()
    {
        var run = await Report();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Active keys within 90 days (CIS 1.14): ", run.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", run.Out, StringComparison.Ordinal);
        Assert.Contains("Exempt users", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Html_WritesOneSelfContainedPage()
    {
        var page = files.PathOf("posture.html");

        var run = await Report("--output", "json", "--html", page);

        Assert.Equal(0, run.ExitCode);
        var html = await File.ReadAllTextAsync(page);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(files.Folder, "*.tmp"));
    }

    [Fact]
    public async Task Report_HtmlExistingRegularFile_ReplacedWhole()
    {
        var page = files.Write("posture.html", new string('x', 1_000_000));

        var run = await Report("--html", page);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("</html>\n", await File.ReadAllTextAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_HtmlIsASymbolicLink_RefusedNamingItAndTheTargetUntouched()
    {
        var target = files.Write("elsewhere.txt", "keep me");
        var link = files.PathOf("posture.html");
        File.CreateSymbolicLink(link, target);

        var run = await Report("--html", link);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--html: cannot write '{link}': it is a symbolic link", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Report_HtmlIsADevice_RefusedNamingIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var run = await Report("--html", "/dev/null");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--html: cannot write '/dev/null': it is a FIFO, device or socket", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_HtmlIsAFolder_Refused()
    {
        var run = await Report("--html", files.Folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("it is a folder; only a regular file is written", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_HtmlFolderMissing_RefusedBeforeDiscovery()
    {
        var run = await Report("--html", files.PathOf("no/such/folder/posture.html"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("its folder does not exist", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Worlds);
    }

    [Fact]
    public async Task Report_AccountDenied_FailedInTheReportAndExitThree()
    {
        var run = await Report("--output", "json", "--faults", "deny-account=222222222222");

        Assert.Equal(3, run.ExitCode);
        var dev = run.Json().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == "222222222222");
        Assert.Equal("Failed", dev.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Report_RunIdFlag_NotAcceptedBecauseAReportRecordsNoRun()
    {
        var run = await Report("--run-id", "r-1");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Report_CisPreset_HistogramThresholdsFollowThePolicy()
    {
        var run = await Report("--output", "json", "--preset", "cis");

        var thresholds = run.Json().GetProperty("histogram").GetProperty("thresholds").EnumerateArray()
            .Select(t => t.GetProperty("days").GetInt32());
        Assert.Equal([90, 75, 90], thresholds);
    }
}
