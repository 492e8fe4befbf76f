using KeyRotation.Aws.Audit;
using KeyRotation.Core.Audit;

namespace KeyRotation.Aws.Tests.Audit;

/// <summary>
/// 60 events over three UTC days, two accounts, two users each, two keys per user, two runs and run-level events;
/// expected answers come from <see cref="AuditQuery.Matches"/> ordered by sort key.
/// </summary>
internal static class QueryDataset
{
    public static readonly IReadOnlyList<AuditEvent> Events = Build();

    /// <summary>The clock the log sees: after the last event, so since-only queries cover every day.</summary>
    public static readonly DateTimeOffset Now = AuditEvents.T0.AddDays(5);

    public static string KeyOf(string account, string user, int n) => $"AKIA{user.ToUpperInvariant()}{account[..3]}{n:D8}";

    public static IReadOnlyList<AuditEvent> Expected(AuditQuery query) =>
        Events.Where(query.Matches)
            .OrderBy(e => AuditTime.SortKey(e.OccurredAt, e.EventId), StringComparer.Ordinal)
            .Take(query.Limit ?? int.MaxValue)
            .ToList();

    public static AuditQuery Named(string name)
    {
        var a = AuditEvents.AccountA;
        var b = AuditEvents.AccountB;
        var at = (int i) => Events[i].OccurredAt;
        return name switch
        {
            "all" => new AuditQuery(),
            "account" => new AuditQuery { AccountId = a },
            "account+user" => new AuditQuery { AccountId = a, UserName = "alice" },
            "user" => new AuditQuery { UserName = "bob" },
            "key" => new AuditQuery { AccessKeyId = KeyOf(a, "alice", 0) },
            "key+otherAccount" => new AuditQuery { AccessKeyId = KeyOf(a, "alice", 0), AccountId = b },
            "key+since" => new AuditQuery { AccessKeyId = KeyOf(b, "bob", 1), Since = at(20) },
            "run" => new AuditQuery { RunId = "run-2" },
            "run+until" => new AuditQuery { RunId = "run-1", Until = at(22) },
            "run+user" => new AuditQuery { RunId = "run-1", UserName = "alice" },
            "action" => new AuditQuery { Action = "DeactivateKey" },
            "since" => new AuditQuery { Since = at(17) },
            "until" => new AuditQuery { Until = at(40) },
            "since+until" => new AuditQuery { Since = at(10), Until = at(33) },
            "since+until+action" => new AuditQuery { Since = at(3), Until = at(50), Action = AuditAction.RunStarted },
            "account+since+until" => new AuditQuery { AccountId = b, Since = at(12), Until = at(45) },
            "everything" => new AuditQuery
            {
                AccountId = a, UserName = "bob", Action = "CreateKey", Since = at(5), Until = at(55), RunId = "run-2",
            },
            "limit" => new AuditQuery { AccountId = a, Limit = 5 },
            "limit+scan" => new AuditQuery { Limit = 4 },
            "since>=until" => new AuditQuery { Since = at(30), Until = at(30) },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static List<AuditEvent> Build()
    {
        var events = new List<AuditEvent>();
        for (var i = 0; i < 60; i++)
        {
            var account = i % 3 == 0 ? AuditEvents.AccountB : AuditEvents.AccountA;
            string? user = i % 5 == 0 ? null : i % 2 == 0 ? "alice" : "bob";
            var action = user is null ? AuditAction.RunStarted : i % 4 == 1 ? "DeactivateKey" : "CreateKey";
            // Events 40 and 41 share an instant: the event id orders them.
            var at = AuditEvents.T0.AddMinutes(70 * (i == 41 ? 40 : i));
            events.Add(AuditEvents.Make(at, account, user, user is null ? null : KeyOf(account, user, i / 7 % 2),
                action, i < 30 ? "run-1" : "run-2", sequence: i));
        }
        return events;
    }
}
