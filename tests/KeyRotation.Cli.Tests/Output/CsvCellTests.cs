using KeyRotation.Cli.Output;

namespace KeyRotation.Cli.Tests.Output;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void Format_FormulaStart_IsNeutralizedWithAQuote(string value, string expected)
    {
        Assert.Equal(expected, CsvCell.Format(value));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("a=b", "a=b")]
    [InlineData("2026-11-29T12:00:00Z", "2026-11-29T12:00:00Z")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Format_OrdinaryValue_FollowsRfc4180(string? value, string expected)
    {
        Assert.Equal(expected, CsvCell.Format(value));
    }

    [Fact]
    public void Line_Cells_JoinedWithCommas()
    {
        Assert.Equal("a,,\"b,c\",'=d", CsvCell.Line(["a", null, "b,c", "=d"]));
    }
}
