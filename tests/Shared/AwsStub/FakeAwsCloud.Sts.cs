using System.Xml.Linq;

namespace KeyRotation.Testing.AwsStub;

internal sealed partial class FakeAwsCloud
{
    public List<string> AssumedRoleArns { get; } = [];

    private StubResponse Sts(StubRequest request)
    {
        switch (request.Action)
        {
            case "GetCallerIdentity":
                return QueryResult("sts", "GetCallerIdentity",
                    new XElement("Arn", CallerArn), new XElement("UserId", "AIDAEXAMPLE"), new XElement("Account", CallerAccount));
            case "AssumeRole":
                var roleArn = request.Field("RoleArn")!;
                AssumedRoleArns.Add(roleArn);
                var accountId = roleArn.Split(':')[4];
                if (DeniedAccounts.Contains(accountId) || Accounts.All(a => a.Id != accountId)
                    || (ExpectedExternalId is not null && request.Field("ExternalId") != ExpectedExternalId))
                {
                    return QueryError("sts", 403, "AccessDenied",
                        $"User: {CallerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
                }

                var keyId = NextId("ASIA" + accountId[..4]);
                var secret = "session-secret/" + keyId;
                var token = "session-token-" + keyId;
                Sessions[keyId] = (accountId, secret, token);
                return QueryResult("sts", "AssumeRole",
                    new XElement("Credentials",
                        new XElement("AccessKeyId", keyId),
                        new XElement("SecretAccessKey", secret),
                        new XElement("SessionToken", token),
                        new XElement("Expiration", (time.GetUtcNow() + SessionLifetime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))),
                    new XElement("AssumedRoleUser",
                        new XElement("Arn", $"arn:{Partition}:sts::{accountId}:assumed-role/role/{request.Field("RoleSessionName")}"),
                        new XElement("AssumedRoleId", "AROAEXAMPLE:" + request.Field("RoleSessionName"))),
                    new XElement("SourceIdentity", request.Field("SourceIdentity") ?? ""));
            case "GetAccessKeyInfo":
                // Real STS reads the account out of the key id; the stub looks the key up.
                var keyAccount = Accounts.FirstOrDefault(a => a.Users.Any(u => u.Keys.Any(k => k.Id == request.Field("AccessKeyId"))));
                return keyAccount is null
                    ? QueryError("sts", 400, "InvalidParameterValue", "no account is known for this access key")
                    : QueryResult("sts", "GetAccessKeyInfo", new XElement("Account", keyAccount.Id));
            default:
                return QueryError("sts", 400, "InvalidAction", "unsupported " + request.Action);
        }
    }
}
