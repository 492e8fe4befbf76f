using System.Text.Json;

namespace KeyRotation.Cli.Tests.Support;

/// <summary>The JSON report's actions flattened, for assertions.</summary>
internal sealed record ReportRow(string AccountId, string UserName, string? AccessKeyId, string Action, string Reason, string Outcome, string Detail)
{
    public static IReadOnlyList<ReportRow> From(JsonElement report) =>
        report.GetProperty("accounts").EnumerateArray().SelectMany(account => account.GetProperty("actions").EnumerateArray()
            .Select(a => new ReportRow(
                account.GetProperty("accountId").GetString()!,
                a.GetProperty("userName").GetString()!,
                a.GetProperty("accessKeyId").GetString(),
                a.GetProperty("action").GetString()!,
                a.GetProperty("reason").GetString()!,
                a.GetProperty("outcome").GetString()!,
                a.GetProperty("detail").GetString()!)))
            .ToArray();

    public static readonly string[] MutationActions = ["CreateKey", "DeactivateKey", "DeleteKey"];

    public bool IsMutation => MutationActions.Contains(Action);
}
