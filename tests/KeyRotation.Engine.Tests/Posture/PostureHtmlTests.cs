using System.Text.RegularExpressions;
using KeyRotation.Core.Facts;
using KeyRotation.Engine.Posture;
using KeyRotation.Engine.Tests.Support;
using static KeyRotation.Engine.Tests.Support.Org;

namespace KeyRotation.Engine.Tests.Posture;

public sealed partial class PostureHtmlTests
{
    private const string Hostile = "<script>alert(1)</script>\"'&";

    private static async Task<PostureReport> HostileReportAsync()
    {
        var org = Of(Account("222222222222", User("eve" + Hostile, Key("AKIAEXAMPLEEVE000001", 200, 1), Key("AKIAEXAMPLEEVE000002", 170, 1))));
        org.Accounts[0].Name = "dev" + Hostile;
        org.Accounts[0].Users[0].Tags["key-rotation:exempt"] = "until:2027-01-01";
        var ou = new Simulation.Model.SimulatedOrganizationalUnit { Id = "ou-x", Name = "ou" + Hostile, ParentId = "r-root" };
        org.OrganizationalUnits.Add(ou);
        org.Accounts[0].ParentId = "ou-x";
        org.Accounts.Add(Account("333333333333", User("judy", Key("AKIAEXAMPLEJUDY00001", 200, 1), Key("AKIAEXAMPLEJUDY00002", 170, 0))));
        return await new PostureSurvey(new Harness(org).Services).SurveyAsync(new PostureOptions { AsOf = Now }, CancellationToken.None);
    }

    [Fact]
    public async Task Render_NamesWithMarkup_EveryValueEscaped()
    {
        var html = PostureHtml.Render(await HostileReportAsync());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("dev&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;", html, StringComparison.Ordinal);
        Assert.Contains("ou&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("eve&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AnyReport_NoAddressAnywhereSoNothingIsFetched()
    {
        var html = PostureHtml.Render(await HostileReportAsync());

        Assert.DoesNotMatch(ExternalReference(), html);
    }

    [Fact]
    public async Task Render_AnyReport_EveryFigureOfEveryScopeIsOnThePageAsTheJsonHasIt()
    {
        var report = await HostileReportAsync();
        var html = PostureHtml.Render(report);

        var scopes = new List<(string Scope, PostureFigures Figures)> { ("organization", report.Organization) };
        scopes.AddRange(report.Accounts.Where(a => a.Figures is not null).Select(a => ("account:" + a.AccountId, a.Figures!)));
        scopes.AddRange(report.OrganizationalUnits.Select(o => ("ou:" + o.Id, o.Figures)));
        foreach (var (scope, figures) in scopes)
        {
            foreach (var field in PostureFields.All)
            {
                Assert.Contains($"data-scope=\"{scope}\" data-field=\"{field.Field}\" data-value=\"{field.RawValue(figures)}\"", html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Render_Histogram_ThresholdLinesAtNinetyRotateAndDeactivate()
    {
        var html = PostureHtml.Render(await HostileReportAsync());

        Assert.Contains("data-threshold=\"cis\" data-days=\"90\"", html, StringComparison.Ordinal);
        Assert.Contains("data-threshold=\"rotate\" data-days=\"165\"", html, StringComparison.Ordinal);
        Assert.Contains("data-threshold=\"deactivate\" data-days=\"180\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AnyReport_StylesInlineAndNoScript()
    {
        var html = PostureHtml.Render(await HostileReportAsync());

        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Anything a browser could fetch: a scheme, a protocol-relative address, or a src/href attribute.</summary>
    [GeneratedRegex(@"(https?:|ftp:|//[a-z0-9]|\bsrc\s*=|\bhref\s*=)", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
