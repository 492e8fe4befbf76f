using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KeyRotation.Cli.Tests.Support;
using KeyRotation.Simulation.Files;
using KeyRotation.Simulation.Generation;

namespace KeyRotation.Cli.Tests.Report;

/// <summary>
/// The HTML report opened in a real browser (headless Chromium): every figure the page shows after rendering is the
/// JSON report's, for the same organization, and the page references nothing outside itself.
/// </summary>
public sealed partial class BrowserRenderTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    [ChromiumFact]
    public async Task Render_GeneratedOrganization_EveryFigureOnThePageIsTheJsons()
    {
        var org = OrganizationGenerator.Generate(new GeneratorOptions { Accounts = 12, UsersPerAccount = 15, OuCount = 4, Seed = 16 }, CliRun.Now);
        var (json, dom) = await ReportAndRenderAsync(files.Write("generated.json", SimulationFile.Save(org)));

        var checkedFigures = AssertFiguresMatch(json, dom);

        Assert.True(checkedFigures > 12 * 16, $"only {checkedFigures} figures found on the rendered page");
    }

    [ChromiumFact]
    public async Task Render_ExampleOrganization_EveryFigureOnThePageIsTheJsons()
    {
        var (json, dom) = await ReportAndRenderAsync(RepositoryRoot.File("examples", "org.json"));

        AssertFiguresMatch(json, dom);
        Assert.Equal(json.GetProperty("histogram").GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("activeKeys").GetInt32()),
            BinCounts().Matches(dom).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(3, Thresholds().Count(dom));
    }

    [ChromiumFact]
    public async Task Render_ExampleOrganization_NoNetworkAddressAndAScreenshot()
    {
        var page = files.PathOf("posture.html");
        var run = await CliRun.Of("report", "--simulation", RepositoryRoot.File("examples", "org.json"), "--as-of", "2026-11-29T12:00:00Z",
            "--html", page);
        Assert.Equal(0, run.ExitCode);

        var html = await File.ReadAllTextAsync(page);
        Assert.DoesNotMatch(NetworkAddress(), html);
        Assert.DoesNotMatch(NetworkAddress(), await Chromium.DumpDomAsync(page));

        var png = files.PathOf("posture.png");
        await Chromium.ScreenshotAsync(page, png);
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"screenshot of {bytes.Length} bytes: the page rendered (nearly) empty");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
    }

    private async Task<(JsonElement Json, string Dom)> ReportAndRenderAsync(string simulation)
    {
        var page = files.PathOf(Guid.NewGuid().ToString("N") + ".html");
        var run = await CliRun.Of("report", "--simulation", simulation, "--as-of", "2026-11-29T12:00:00Z", "--output", "json", "--html", page);
        Assert.Equal(0, run.ExitCode);
        return (run.Json(), await Chromium.DumpDomAsync(page));
    }

    /// <summary>Every data-scope/data-field figure in the rendered DOM against the JSON; returns how many were compared.</summary>
    private static int AssertFiguresMatch(JsonElement json, string dom)
    {
        var scopes = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["organization"] = json.GetProperty("organization") };
        foreach (var account in json.GetProperty("accounts").EnumerateArray())
        {
            if (account.GetProperty("figures").ValueKind == JsonValueKind.Object)
            {
                scopes["account:" + account.GetProperty("accountId").GetString()] = account.GetProperty("figures");
            }
        }

        foreach (var ou in json.GetProperty("organizationalUnits").EnumerateArray())
        {
            scopes["ou:" + ou.GetProperty("id").GetString()] = ou.GetProperty("figures");
        }

        var count = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in FigureOnPage().Matches(dom))
        {
            var (scope, field, value) = (m.Groups["scope"].Value, m.Groups["field"].Value, m.Groups["value"].Value);
            if (scope == "organization" && field.StartsWith("accounts", StringComparison.Ordinal))
            {
                Assert.Equal(json.GetProperty(field).GetInt32().ToString(CultureInfo.InvariantCulture), value);
                continue;
            }

            Assert.True(scopes.TryGetValue(scope, out var figures), $"the page shows scope {scope}, which the JSON does not have");
            Assert.Equal(Expected(figures, field), value);
            seen.Add(scope);
            count++;
        }

        Assert.Equal(scopes.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        return count;
    }

    private static string Expected(JsonElement figures, string field)
    {
        var value = figures.TryGetProperty(field, out var direct) ? direct : figures.GetProperty("activeByAge").GetProperty(field);
        return value.ValueKind switch
        {
            JsonValueKind.Null => "",
            JsonValueKind.Number when value.TryGetInt32(out var whole) && !field.EndsWith("Share", StringComparison.Ordinal) =>
                whole.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.Number => value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{field} is {value.ValueKind}"),
        };
    }

    [GeneratedRegex("data-scope=\"(?<scope>[^\"]*)\" data-field=\"(?<field>[^\"]*)\" data-value=\"(?<value>[^\"]*)\"")]
    private static partial Regex FigureOnPage();

    [GeneratedRegex("data-active-keys=\"([0-9]+)\"")]
    private static partial Regex BinCounts();

    [GeneratedRegex("<line [^>]*data-threshold=")]
    private static partial Regex Thresholds();

    [GeneratedRegex(@"(https?|wss?|ftp)://|(src|href)\s*=|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkAddress();
}
