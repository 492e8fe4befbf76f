using KeyRotation.Engine.Discovery.CredentialReports;

namespace KeyRotation.Engine.Tests.Discovery.CredentialReports;

public sealed class CsvRecordsTests
{
    [Fact]
    public void Parse_QuotedFields_CommasQuotesAndLineBreaksKept()
    {
        var records = CsvRecords.Parse("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",,\"\"\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0]);
        Assert.Equal(["two\nlines", "", ""], records[1]);
    }

    [Fact]
    public void Parse_CrLfAndNoFinalLineBreak_EveryRecordRead()
    {
        var records = CsvRecords.Parse("h1,h2\r\nx,y\r\nz,\"w\"");

        Assert.Equal([["h1", "h2"], ["x", "y"], ["z", "w"]], records.Select(r => r.ToArray()));
    }

    [Fact]
    public void Parse_Empty_NoRecords() => Assert.Empty(CsvRecords.Parse(""));

    [Theory]
    [InlineData("a,\"open\nb,c\n", "record 1: a quoted field that never ends")]
    [InlineData("a,b\nc,d\"e\n", "record 2: a quote inside an unquoted field")]
    [InlineData("a,\"b\"c\n", "record 1: text after a closing quote")]
    public void Parse_Damaged_FormatExceptionNamingTheRecord(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CsvRecords.Parse(csv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
