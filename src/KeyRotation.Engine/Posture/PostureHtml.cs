using System.Globalization;
using System.Net;
using System.Text;

namespace KeyRotation.Engine.Posture;

/// <summary>
/// The report as one self-contained HTML page for people: inline CSS and SVG only, no script, font, stylesheet or
/// image from anywhere else, so it opens offline and leaks nothing when opened. Every value from the organization
/// (names, ids, notes) is HTML-escaped. Each figure carries <c>data-scope</c> and <c>data-field</c> attributes
/// (field names as in the JSON) so a test can read the rendered page back and compare it with the JSON report.
/// </summary>
public static class PostureHtml
{
    private const int ChartWidth = 1000;

    public static string Render(PostureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(64 * 1024);
        var asOf = report.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var policy = report.Policy;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Access key posture, ").Append(E(asOf)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<header>\n<h1>Access key posture</h1>\n<p class=\"sub\">As of <time data-field=\"asOf\" datetime=\"")
            .Append(E(report.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))).Append("\">")
            .Append(E(asOf)).Append("</time> &middot; policy: rotate at ").Append(N(policy.RotateAfterDays))
            .Append(" days, deactivate at ").Append(N(policy.DeactivateAfterDays)).Append(", delete at ").Append(N(policy.DeleteAfterDays))
            .Append(", idle after ").Append(N(policy.IdleDays)).Append(" &middot; accounts: ")
            .Append(Figure("organization", "accountsSurveyed", report.AccountsSurveyed)).Append(" surveyed, ")
            .Append(Figure("organization", "accountsSkipped", report.AccountsSkipped)).Append(" skipped, ")
            .Append(Figure("organization", "accountsFailed", report.AccountsFailed)).Append(" failed</p>\n")
            .Append("<p class=\"sub\">Discovery only: nothing was changed to produce this page.</p>\n</header>\n<main>\n");

        Headline(html, report.Organization);
        Histogram(html, report.Histogram);
        ComplianceBars(html, "Compliance per account", "account",
            report.Accounts.Where(a => a.Figures is not null).Select(a => (Label: $"{a.AccountName} ({a.AccountId})", Key: a.AccountId, a.Figures!)));
        ComplianceBars(html, "Compliance per organizational unit", "ou",
            report.OrganizationalUnits.Select(o => (Label: o.Path, Key: o.Id, o.Figures)));
        FigureTable(html, "Accounts", report.Accounts.Where(a => a.Figures is not null)
            .Select(a => (Scope: "account:" + a.AccountId, Cells: new[] { a.AccountName, a.AccountId, a.OuPath.Length == 0 ? "(root)" : a.OuPath },
                a.Figures!)),
            ["Account", "Id", "OU path"]);
        FigureTable(html, "Organization and its units (each with every account below it)", report.OrganizationalUnits
            .Select(o => (Scope: "ou:" + o.Id, Cells: new[] { o.Path, o.Id, N(o.Accounts) }, o.Figures))
            .Prepend((Scope: "organization", Cells: new[] { "Organization", "", N(report.AccountsSurveyed) }, report.Organization)),
            ["OU path", "Id", "Accounts"]);
        Lists(html, report);
        Definitions(html);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Headline(StringBuilder html, PostureFigures o)
    {
        html.Append("<section class=\"cards\">\n");
        Card(html, "Within 90 days (CIS 1.14)", PostureFields.Percent(o.WithinNinetyDaysShare), "withinNinetyDaysShare",
            PostureFields.Fraction(o.WithinNinetyDaysShare), $"{N(o.ActiveWithinNinetyDays)} of {N(o.ActiveKeys)} active keys",
            Tone(o.WithinNinetyDaysShare));
        Card(html, "Within policy", PostureFields.Percent(o.WithinPolicyShare), "withinPolicyShare", PostureFields.Fraction(o.WithinPolicyShare),
            $"{N(o.ActiveWithinPolicy)} of {N(o.ActiveKeys)} active keys younger than the deactivate age", Tone(o.WithinPolicyShare));
        Card(html, "Past deactivate age", N(o.ActiveByAge.PastDeactivate), "pastDeactivate", N(o.ActiveByAge.PastDeactivate),
            "active keys the policy wants deactivated", o.ActiveByAge.PastDeactivate == 0 ? "good" : "bad");
        Card(html, "Users / keys", $"{N(o.Users)} / {N(o.Keys)}", null, null,
            $"{N(o.ActiveKeys)} active, {N(o.InactiveKeys)} inactive, {N(o.NeverUsedKeys)} active never used; "
            + $"{N(o.UsersOutsideManagedScope)} users outside the managed scope", "plain");
        Card(html, "Blocked users", N(o.BlockedByKeyLimit + o.BlockedBySecretNameTaken), null, null,
            $"{N(o.BlockedByKeyLimit)} key limit, {N(o.BlockedBySecretNameTaken)} secret name taken",
            o.BlockedByKeyLimit + o.BlockedBySecretNameTaken == 0 ? "good" : "warn");
        Card(html, "Exempt users", N(o.ExemptUsers), "exemptUsers", N(o.ExemptUsers), "exempt by tag now", o.ExemptUsers == 0 ? "plain" : "warn");
        html.Append("</section>\n");
    }

    /// <param name="field">The JSON field the card shows, or null for a card that combines several.</param>
    private static void Card(StringBuilder html, string title, string shown, string? field, string? raw, string detail, string tone)
    {
        html.Append("<div class=\"card ").Append(tone).Append("\"><div class=\"card-title\">").Append(E(title)).Append("</div><div class=\"card-value\">")
            .Append(field is null ? E(shown) : Figure("organization", field, shown, raw ?? shown))
            .Append("</div><div class=\"card-detail\">").Append(E(detail)).Append("</div></div>\n");
    }

    private static void Histogram(StringBuilder html, KeyAgeHistogram histogram)
    {
        const int left = 48, right = 16, top = 46, bottom = 44, height = 300;
        var plotWidth = ChartWidth - left - right;
        var plotHeight = height - top - bottom;
        var binWidth = (double)plotWidth / histogram.Bins.Count;
        var max = Math.Max(1, histogram.Bins.Max(b => b.ActiveKeys));
        var step = NiceStep(max);
        var yMax = (int)Math.Ceiling((double)max / step) * step;
        var deactivate = histogram.Thresholds.FirstOrDefault(t => t.Name == "deactivate")?.Days ?? int.MaxValue;
        var rotate = histogram.Thresholds.FirstOrDefault(t => t.Name == "rotate")?.Days ?? int.MaxValue;

        html.Append("<section>\n<h2>Active keys by age</h2>\n<p class=\"note\">Bins of ").Append(N(histogram.BinDays))
            .Append(" days; the last bin holds every older key. Lines: the 90 days of CIS 1.14 and the policy's global rotate and deactivate ages.</p>\n")
            .Append("<svg class=\"chart\" role=\"img\" aria-label=\"Histogram of active key ages\" viewBox=\"0 0 ")
            .Append(N(ChartWidth)).Append(' ').Append(N(height)).Append("\">\n");
        for (var tick = 0; tick <= yMax; tick += step)
        {
            var y = top + plotHeight - (double)tick / yMax * plotHeight;
            html.Append("<line class=\"grid\" x1=\"").Append(D(left)).Append("\" x2=\"").Append(D(left + plotWidth)).Append("\" y1=\"")
                .Append(D(y)).Append("\" y2=\"").Append(D(y)).Append("\"/><text class=\"axis\" x=\"").Append(D(left - 6)).Append("\" y=\"")
                .Append(D(y + 4)).Append("\" text-anchor=\"end\">").Append(N(tick)).Append("</text>\n");
        }

        for (var i = 0; i < histogram.Bins.Count; i++)
        {
            var bin = histogram.Bins[i];
            var barHeight = (double)bin.ActiveKeys / yMax * plotHeight;
            var x = left + i * binWidth;
            var tone = bin.FromDays >= deactivate ? "bad" : bin.FromDays >= rotate ? "warn" : bin.FromDays >= KeyPosture.CisMaximumAgeDays ? "mid" : "good";
            var range = bin.ToDays is { } to ? $"{N(bin.FromDays)}-{N(to - 1)} days" : $"{N(bin.FromDays)}+ days";
            html.Append("<rect class=\"bar ").Append(tone).Append("\" data-from-days=\"").Append(N(bin.FromDays)).Append("\" data-active-keys=\"")
                .Append(N(bin.ActiveKeys)).Append("\" x=\"").Append(D(x + 1)).Append("\" y=\"").Append(D(top + plotHeight - barHeight))
                .Append("\" width=\"").Append(D(Math.Max(1, binWidth - 2))).Append("\" height=\"").Append(D(barHeight)).Append("\"><title>")
                .Append(E(range)).Append(": ").Append(N(bin.ActiveKeys)).Append(" active keys</title></rect>\n");
            if (bin.ActiveKeys > 0)
            {
                html.Append("<text class=\"count\" x=\"").Append(D(x + binWidth / 2)).Append("\" y=\"").Append(D(top + plotHeight - barHeight - 4))
                    .Append("\" text-anchor=\"middle\">").Append(N(bin.ActiveKeys)).Append("</text>\n");
            }

            if (i % 2 == 0 || bin.ToDays is null)
            {
                html.Append("<text class=\"axis\" x=\"").Append(D(x)).Append("\" y=\"").Append(D(top + plotHeight + 16))
                    .Append("\" text-anchor=\"middle\">").Append(N(bin.FromDays)).Append(bin.ToDays is null ? "+" : "").Append("</text>\n");
            }
        }

        html.Append("<line class=\"axis-line\" x1=\"").Append(D(left)).Append("\" x2=\"").Append(D(left + plotWidth)).Append("\" y1=\"")
            .Append(D(top + plotHeight)).Append("\" y2=\"").Append(D(top + plotHeight)).Append("\"/>\n")
            .Append("<text class=\"axis\" x=\"").Append(D(left + plotWidth / 2.0)).Append("\" y=\"").Append(D(height - 8))
            .Append("\" text-anchor=\"middle\">key age (days)</text>\n");
        var labelRow = 0;
        foreach (var threshold in histogram.Thresholds.OrderBy(t => t.Days))
        {
            var x = left + Math.Min((double)threshold.Days / histogram.BinDays, histogram.Bins.Count) * binWidth;
            var y = 14 + labelRow++ % 3 * 12;
            html.Append("<line class=\"threshold t-").Append(E(threshold.Name)).Append("\" data-threshold=\"").Append(E(threshold.Name))
                .Append("\" data-days=\"").Append(N(threshold.Days)).Append("\" x1=\"").Append(D(x)).Append("\" x2=\"").Append(D(x))
                .Append("\" y1=\"").Append(D(y + 4)).Append("\" y2=\"").Append(D(top + plotHeight)).Append("\"/>")
                .Append("<text class=\"threshold-label t-").Append(E(threshold.Name)).Append("\" x=\"").Append(D(x + 4)).Append("\" y=\"")
                .Append(D(y)).Append("\">").Append(E(threshold.Label)).Append("</text>\n");
        }

        html.Append("</svg>\n</section>\n");
    }

    private static void ComplianceBars(
        StringBuilder html, string title, string scope, IEnumerable<(string Label, string Key, PostureFigures Figures)> rows)
    {
        var list = rows.ToArray();
        html.Append("<section>\n<h2>").Append(E(title)).Append("</h2>\n");
        if (list.Length == 0)
        {
            html.Append("<p class=\"note\">None surveyed.</p>\n</section>\n");
            return;
        }

        const int labelWidth = 250, rowHeight = 34, barHeight = 11, valueWidth = 150;
        var trackWidth = ChartWidth - labelWidth - valueWidth;
        var height = list.Length * rowHeight + 24;
        html.Append("<svg class=\"chart\" role=\"img\" aria-label=\"").Append(E(title)).Append("\" viewBox=\"0 0 ").Append(N(ChartWidth)).Append(' ')
            .Append(N(height)).Append("\">\n")
            .Append("<rect class=\"legend s-ninety\" x=\"").Append(N(labelWidth)).Append("\" y=\"4\" width=\"10\" height=\"10\"/>")
            .Append("<text class=\"axis\" x=\"").Append(N(labelWidth + 14)).Append("\" y=\"13\">within 90 days</text>")
            .Append("<rect class=\"legend s-policy\" x=\"").Append(N(labelWidth + 120)).Append("\" y=\"4\" width=\"10\" height=\"10\"/>")
            .Append("<text class=\"axis\" x=\"").Append(N(labelWidth + 134)).Append("\" y=\"13\">within policy</text>\n");
        for (var i = 0; i < list.Length; i++)
        {
            var (label, key, figures) = list[i];
            var y = 24 + i * rowHeight;
            html.Append("<text class=\"row-label\" x=\"0\" y=\"").Append(N(y + 16)).Append("\">").Append(E(Shorten(label, 38)))
                .Append("<title>").Append(E(label)).Append("</title></text>\n");
            Bar(html, scope, key, "withinNinetyDaysShare", "s-ninety", figures.WithinNinetyDaysShare, figures.ActiveWithinNinetyDays,
                figures.ActiveKeys, labelWidth, y + 3, trackWidth, barHeight);
            Bar(html, scope, key, "withinPolicyShare", "s-policy", figures.WithinPolicyShare, figures.ActiveWithinPolicy,
                figures.ActiveKeys, labelWidth, y + 5 + barHeight, trackWidth, barHeight);
        }

        html.Append("</svg>\n</section>\n");
    }

    private static void Bar(StringBuilder html, string scope, string key, string field, string series, double? share, int part, int whole,
        int x, int y, int trackWidth, int barHeight)
    {
        html.Append("<rect class=\"track\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(trackWidth))
            .Append("\" height=\"").Append(N(barHeight)).Append("\"/>")
            .Append("<rect class=\"fill ").Append(series).Append("\" data-scope=\"").Append(E(scope + ":" + key)).Append("\" data-field=\"")
            .Append(field).Append("\" data-value=\"").Append(PostureFields.Fraction(share)).Append("\" x=\"").Append(N(x)).Append("\" y=\"")
            .Append(N(y)).Append("\" width=\"").Append(D((share ?? 0) * trackWidth)).Append("\" height=\"").Append(N(barHeight)).Append("\"/>")
            .Append("<text class=\"bar-value\" x=\"").Append(N(x + trackWidth + 8)).Append("\" y=\"").Append(N(y + barHeight - 1)).Append("\">")
            .Append(E(share is null ? "no active keys" : $"{PostureFields.Percent(share)} ({N(part)}/{N(whole)})")).Append("</text>\n");
    }

    /// <param name="rows">Each with its data-scope: organization, ou:ID or account:ID.</param>
    private static void FigureTable(
        StringBuilder html, string title, IEnumerable<(string Scope, string[] Cells, PostureFigures Figures)> rows, string[] headers)
    {
        html.Append("<section>\n<h2>").Append(E(title)).Append("</h2>\n<div class=\"scroll\"><table>\n<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        foreach (var column in PostureFields.All)
        {
            html.Append("<th class=\"num\" title=\"").Append(E(column.Meaning)).Append("\">").Append(E(column.Label)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var (scope, cells, figures) in rows)
        {
            html.Append("<tr>");
            foreach (var cell in cells)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }

            foreach (var column in PostureFields.All)
            {
                html.Append("<td class=\"num\">").Append(Figure(scope, column.Field, column.Format(figures), column.RawValue(figures))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void Lists(StringBuilder html, PostureReport report)
    {
        html.Append("<section class=\"lists\">\n<div>\n");
        List(html, "Exempt users", "exemptions", ["Account", "User", "Exempt until"],
            report.Exemptions.Select(e => new[] { e.AccountId, e.UserName, e.Until ?? "no end date" }));
        html.Append("</div>\n<div>\n");
        List(html, "Blocked users", "blockedUsers", ["Account", "User", "Why"],
            report.BlockedUsers.Select(b => new[]
            {
                b.AccountId, b.UserName, b.Reason == "KeyLimit" ? "two keys held, none can be freed" : "secret name held by another secret",
            }));
        html.Append("</div>\n</section>\n");
        var notSurveyed = report.Accounts.Where(a => a.Status != PostureAccountStatus.Surveyed).ToArray();
        if (notSurveyed.Length > 0)
        {
            html.Append("<section>\n<h2>Accounts not surveyed</h2>\n<table><thead><tr><th>Account</th><th>Id</th><th>OU path</th><th>Status</th><th>Why</th></tr></thead><tbody>\n");
            foreach (var a in notSurveyed)
            {
                html.Append("<tr data-list=\"notSurveyed\" class=\"").Append(a.Status == PostureAccountStatus.Failed ? "failed" : "skipped")
                    .Append("\"><td>").Append(E(a.AccountName)).Append("</td><td>").Append(E(a.AccountId)).Append("</td><td>")
                    .Append(E(a.OuPath.Length == 0 ? "(root)" : a.OuPath)).Append("</td><td>").Append(E(a.Status.ToString())).Append("</td><td>")
                    .Append(E(a.Error ?? a.Reason ?? "")).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n</section>\n");
        }

        if (report.Notes.Count > 0)
        {
            html.Append("<section>\n<h2>Notes</h2>\n<ul>\n");
            foreach (var note in report.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }
    }

    private static void List(StringBuilder html, string title, string name, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToArray();
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        if (list.Length == 0)
        {
            html.Append("<p class=\"note\">None.</p>\n");
            return;
        }

        html.Append("<table><thead><tr>").AppendJoin("", headers.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead><tbody>\n");
        foreach (var row in list)
        {
            html.Append("<tr data-list=\"").Append(name).Append("\">").AppendJoin("", row.Select(c => $"<td>{E(c)}</td>")).Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Definitions(StringBuilder html)
    {
        html.Append("<section>\n<h2>What the figures mean</h2>\n<dl>\n");
        foreach (var column in PostureFields.All)
        {
            html.Append("<dt>").Append(E(column.Label)).Append("</dt><dd>").Append(E(column.Meaning)).Append("</dd>\n");
        }

        html.Append("</dl>\n<p class=\"note\">Ages are whole days at the report's instant; the rotate and deactivate ages are each user's ")
            .Append("effective policy (account and user tags override the global one). Shares count Active keys only.</p>\n</section>\n");
    }

    private static string Figure(string scope, string field, int value) => Figure(scope, field, N(value), N(value));

    /// <param name="raw">As the JSON report has it, in <c>data-value</c>; <paramref name="shown"/> is for people.</param>
    private static string Figure(string scope, string field, string shown, string raw) =>
        $"<span data-scope=\"{E(scope)}\" data-field=\"{E(field)}\" data-value=\"{E(raw)}\">{E(shown)}</span>";

    private static string Tone(double? share) => share switch
    {
        null => "plain",
        >= 0.95 => "good",
        >= 0.8 => "warn",
        _ => "bad",
    };

    /// <summary>A step of 1, 2 or 5 times a power of ten that gives about five grid lines.</summary>
    private static int NiceStep(int max)
    {
        var raw = Math.Max(1.0, max / 5.0);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var scaled = raw / magnitude;
        return (int)(magnitude * (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10));
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "\u2026";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private const string Css = """
        :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bg: #f5f7fa; --good: #2f9e44; --mid: #74b816;
                --warn: #f08c00; --bad: #e03131; --ninety: #1c7ed6; --policy: #7048e8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: var(--ink); background: var(--bg); }
        header { background: #102a43; color: #f0f4f8; padding: 20px 32px; }
        header h1 { margin: 0 0 4px; font-size: 24px; }
        header .sub { margin: 2px 0; color: #bcccdc; }
        main { padding: 16px 32px 40px; max-width: 1280px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 16px 0; }
        h2 { font-size: 16px; margin: 0 0 8px; }
        .note { color: var(--muted); margin: 4px 0 10px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; background: none; border: 0; padding: 0; }
        .card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 8px; padding: 10px 14px; }
        .card.good { border-left-color: var(--good); } .card.warn { border-left-color: var(--warn); } .card.bad { border-left-color: var(--bad); }
        .card-title { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card-value { font-size: 28px; font-weight: 650; margin: 2px 0; }
        .card-detail { color: var(--muted); font-size: 12px; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
        svg .axis { fill: var(--muted); } svg .count { font-weight: 600; }
        svg .grid { stroke: #eef2f6; } svg .axis-line { stroke: #9fb3c8; }
        svg .bar.good { fill: var(--good); } svg .bar.mid { fill: var(--mid); } svg .bar.warn { fill: var(--warn); } svg .bar.bad { fill: var(--bad); }
        svg .threshold { stroke-width: 2; stroke-dasharray: 5 3; }
        svg .t-cis { stroke: var(--ninety); fill: var(--ninety); } svg .t-rotate { stroke: var(--warn); fill: #b35c00; }
        svg .t-deactivate { stroke: var(--bad); fill: var(--bad); }
        svg .threshold-label { stroke: none; font-weight: 600; }
        svg .track { fill: #edf1f5; } svg .s-ninety { fill: var(--ninety); } svg .s-policy { fill: var(--policy); }
        svg .row-label { font-size: 12px; } svg .bar-value { fill: var(--muted); }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f4f8; font-weight: 600; font-size: 12px; }
        td, th.num { white-space: nowrap; } td.num, th.num { text-align: right; }
        tr.failed td { color: var(--bad); }
        .lists { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dt { font-weight: 600; } dd { margin: 0; color: var(--muted); }
        @media print { body { background: #fff; } section { break-inside: avoid; } }

        """;
}
