using KeyRotation.Engine.Discovery.CredentialReports;
using static KeyRotation.Engine.Tests.Discovery.CredentialReports.ReportFixtures;

namespace KeyRotation.Engine.Tests.Discovery.CredentialReports;

public sealed class CredentialReportParserTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly DateTimeOffset Used = new(2025, 5, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_TwoKeys_BothSlotsWithCreationAndUse()
    {
        var rows = CredentialReportParser.Parse(Report(Row("bob", "arn:aws:iam::111111111111:user/eng/bob",
            ("true", "2025-01-02T03:04:05+00:00", "2025-05-30T10:00:00+00:00"), ("false", "2025-03-01T00:00:00+00:00", "N/A"))));

        var bob = Assert.Single(rows.Values);
        Assert.Equal(("bob", "arn:aws:iam::111111111111:user/eng/bob"), (bob.UserName, bob.Arn));
        Assert.Equal(
            [new CredentialReportKey(1, true, Created, Used), new CredentialReportKey(2, false, new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), null)],
            bob.Keys);
    }

    [Fact]
    public void Parse_NoKeys_NA_RowWithoutKeys() =>
        Assert.Empty(CredentialReportParser.Parse(Report(Row("carol", "arn:aws:iam::111111111111:user/carol")))["carol"].Keys);

    [Theory]
    [InlineData("N/A")]
    [InlineData("no_information")]
    [InlineData("")]
    public void Parse_LastUseUnknown_NullSoTheKeyLooksUnused(string used)
    {
        var rows = CredentialReportParser.Parse(Report(Row("a", "arn:aws:iam::1:user/a", ("true", "2025-01-02T03:04:05+00:00", used))));

        Assert.Null(Assert.Single(rows["a"].Keys).LastUsed);
    }

    [Fact]
    public void Parse_RootRow_Skipped()
    {
        var rows = CredentialReportParser.Parse(Report(Row("a", "arn:aws:iam::1:user/a")));

        Assert.Equal(["a"], rows.Keys);
        Assert.DoesNotContain(CredentialReportParser.RootAccount, rows.Keys);
    }

    [Fact]
    public void Parse_QuotedUserNameAndArn_Read()
    {
        var rows = CredentialReportParser.Parse(Report(Row("\"svc+ci,x=y\"", "\"arn:aws:iam::1:user/svc+ci,x=y\"",
            ("TRUE", "2025-01-02T03:04:05Z", "N/A"))));

        var ci = rows["svc+ci,x=y"];
        Assert.Equal("arn:aws:iam::1:user/svc+ci,x=y", ci.Arn);
        Assert.Equal(new CredentialReportKey(1, true, Created, null), Assert.Single(ci.Keys));
    }

    [Fact]
    public void Parse_OnlySecondSlotHoldsAKey_KeptAsSlotTwo()
    {
        var rows = CredentialReportParser.Parse(Report(Row("a", "arn:aws:iam::1:user/a", key2: ("true", "2025-01-02T03:04:05.123+00:00", "N/A"))));

        var key = Assert.Single(rows["a"].Keys);
        Assert.Equal(2, key.Slot);
        Assert.Equal(Created.AddMilliseconds(123), key.LastRotated);
        Assert.Equal("credential-report:access_key_2", CredentialReportKey.PlaceholderKeyId(key.Slot));
    }

    [Fact]
    public void Parse_ActiveWithoutCreation_UnknownCreationSoTheKeyLooksOld()
    {
        var rows = CredentialReportParser.Parse(Report(Row("a", "arn:aws:iam::1:user/a", ("true", "N/A", "N/A"))));

        Assert.Equal(CredentialReportKey.UnknownCreation, Assert.Single(rows["a"].Keys).LastRotated);
    }

    [Fact]
    public void Parse_ColumnsInAnotherOrderWithExtras_ReadByName()
    {
        const string csv = "new_column,access_key_2_last_used_date,access_key_2_last_rotated,access_key_2_active,access_key_1_last_used_date," +
            "access_key_1_last_rotated,access_key_1_active,arn,user\nx,N/A,N/A,false,N/A,2025-01-02T03:04:05+00:00,true,arn:aws:iam::1:user/a,a\n";

        Assert.Equal(new CredentialReportKey(1, true, Created, null), Assert.Single(CredentialReportParser.Parse(csv)["a"].Keys));
    }

    [Theory]
    [InlineData("user,arn\na,b\n", "no column 'access_key_1_active'")]
    [InlineData("", "the report is empty")]
    public void Parse_MissingColumns_FormatExceptionNamingThem(string csv, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CredentialReportParser.Parse(csv)).Message, StringComparison.Ordinal);

    public static TheoryData<string, string> DamagedRows => new()
    {
        { Row("a", "arn:aws:iam::1:user/a") + ",extra", "line 3: 23 fields where the header has 22" },
        { Row("a", "arn:aws:iam::1:user/a", ("yes", "2025-01-02T03:04:05+00:00", "N/A")), "line 3, access_key_1_active: 'yes' is not true or false" },
        { Row("a", "arn:aws:iam::1:user/a", ("true", "02/01/2025", "N/A")), "line 3, access_key_1_last_rotated: '02/01/2025' is not an ISO 8601 time" },
        { Row("a", "arn:aws:iam::1:user/a", ("true", "2025-01-02T03:04:05+00:00", "yesterday")), "access_key_1_last_used_date: 'yesterday'" },
        { Row("", "arn:aws:iam::1:user/a"), "line 3: no user name" },
    };

    [Theory]
    [MemberData(nameof(DamagedRows))]
    public void Parse_DamagedRow_FormatExceptionNamingLineAndColumn(string row, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CredentialReportParser.Parse(Report(row))).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_UserTwice_FormatException() =>
        Assert.Contains("user 'a' appears twice", Assert.Throws<FormatException>(() =>
            CredentialReportParser.Parse(Report(Row("a", "arn:aws:iam::1:user/a"), Row("a", "arn:aws:iam::1:user/a")))).Message, StringComparison.Ordinal);
}
