using KeyRotation.Cli.Output;
using KeyRotation.Cli.Tests.Commands.Audit;
using KeyRotation.Core.Audit;

namespace KeyRotation.Cli.Tests.Output;

public sealed class AuditWritersTests
{
    private static async Task<string> Write(AuditOutputFormat format, params AuditEvent[] events)
    {
        var output = new StringWriter();
        await AuditOutput.WriteAsync(format, events.ToAsyncEnumerable(), output, CancellationToken.None);
        return output.ToString();
    }

    [Fact]
    public async Task Csv_HostileUserNameAndDetail_AreNeutralizedAndQuoted()
    {
        var e = AuditSamples.Event(1, user: "@evil", detail: "=cmd|' /C calc'!A0,\"x\"");

        var csv = await Write(AuditOutputFormat.Csv, e);

        var row = csv.Split("\r\n")[1];
        Assert.Contains(",'@evil,", row);
        Assert.Contains(",\"'=cmd|' /C calc'!A0,\"\"x\"\"\",", row);
    }

    [Fact]
    public async Task Csv_FullEvent_HasEighteenCellsInFormatsOrder()
    {
        var csv = await Write(AuditOutputFormat.Csv, AuditSamples.Event(3));

        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', AuditRow.Columns), lines[0]);
        Assert.Equal(18, AuditRow.Columns.Count);
        Assert.StartsWith($"{AuditSamples.Event(3).EventId},2026-11-29T12:03:00Z,111111111111,alice,AKIAALICEEXAMPLE0001,CreateKey,RotationDue,Succeeded,,run-1,", lines[1]);
    }

    [Fact]
    public async Task Json_NoEvents_IsEmptyArray()
    {
        Assert.Equal("[]\n", await Write(AuditOutputFormat.Json));
    }

    [Fact]
    public async Task Json_PlusAndNonAscii_StayReadable()
    {
        var json = await Write(AuditOutputFormat.Json, AuditSamples.Event(1, detail: "a+b für"));

        Assert.Contains("\"detail\":\"a+b für\"", json);
    }

    [Fact]
    public async Task Table_Events_AlignedWithCountAndNoControlCharacters()
    {
        var text = await Write(AuditOutputFormat.Table, AuditSamples.Event(1),
            AuditSamples.Full() with { UserName = "bob", Error = "line1\nline2\u001b[31m" });

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("OCCURRED AT (UTC)    ACCOUNT       USER   ACCESS KEY", lines[0]);
        Assert.StartsWith("2026-11-29 12:01:00  111111111111  alice  AKIAALICEEXAMPLE0001", lines[1]);
        Assert.EndsWith("line1 line2 [31m", lines[2]);
        Assert.Equal("2 events", lines[3]);
    }
}
