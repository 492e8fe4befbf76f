using System.Text.Json.Nodes;
using static KeyRotation.Lambda.Tests.Security.PolicyWorld;

namespace KeyRotation.Lambda.Tests.Security;

/// <summary>
/// Plaintext mode (SecretDelivery=Notification) puts secrets on the SNS topic: only the named endpoints may subscribe,
/// decided by an independent IAM evaluator from the topic policy in cloudformation/key-rotation.yaml.
/// </summary>
public sealed class PlaintextTopicTests
{
    private static readonly string Insider = "arn:aws:iam::111111111111:user/insider";
    private static readonly JsonArray SnsStar = Identity("AmazonSNSFullAccess", Allow("sns:*"));

    [IamSimulateFact]
    public void Subscribe_EndpointNotInThePlaintextList_ExplicitlyDenied() =>
        Assert.Equal("ExplicitlyDenied", Subscribe("attacker@example.net"));

    [IamSimulateFact]
    public void Subscribe_EachListedEndpoint_Allowed() =>
        Assert.All(PlaintextSubscribers, endpoint => Assert.Equal("Allowed", Subscribe(endpoint)));

    [IamSimulateFact]
    public void Publish_WithoutTls_ExplicitlyDenied()
    {
        var function = "arn:aws:sts::111111111111:assumed-role/key-rotation-FunctionRole-EXAMPLE/key-rotation";
        var policies = IdentityPolicies(Central(), "FunctionRole");

        Assert.Equal("Allowed", Decide(function, "sns:Publish", TopicArn, policies, TopicPolicy()));
        Assert.Equal("ExplicitlyDenied", Decide(function, "sns:Publish", TopicArn, policies, TopicPolicy(),
            new Dictionary<string, string> { ["aws:SecureTransport"] = "false" }));
    }

    [IamSimulateFact]
    public void DeadLetterQueue_WithoutTls_ExplicitlyDenied()
    {
        var queuePolicy = Central().Properties("DeadLetterQueuePolicy")["PolicyDocument"]!;
        var reader = Identity("SQSFullAccess", Allow("sqs:*"));

        Assert.Equal("Allowed", Decide(Insider, "sqs:ReceiveMessage", QueueArn, reader, queuePolicy));
        Assert.Equal("ExplicitlyDenied", Decide(Insider, "sqs:ReceiveMessage", QueueArn, reader, queuePolicy,
            new Dictionary<string, string> { ["aws:SecureTransport"] = "false" }));
    }

    [IamSimulateFact]
    public void Subscribe_SecretsManagerDelivery_NotFenced()
    {
        // No secret rides on the topic then: owners subscribe to their notifications as before.
        var parameters = CentralParameters();
        parameters["SecretDelivery"] = "SecretsManager";
        var topicPolicy = Central(parameters).Properties("TopicPolicy")["PolicyDocument"]!;

        Assert.Equal("Allowed", Decide(Insider, "sns:Subscribe", TopicArn, SnsStar, topicPolicy,
            new Dictionary<string, string> { ["sns:Endpoint"] = "owner@example.com", ["sns:Protocol"] = "email" }));
    }

    private static string Subscribe(string endpoint) =>
        Decide(Insider, "sns:Subscribe", TopicArn, SnsStar, TopicPolicy(),
            new Dictionary<string, string> { ["sns:Endpoint"] = endpoint, ["sns:Protocol"] = "email" });

    private static JsonNode TopicPolicy() => Central().Properties("TopicPolicy")["PolicyDocument"]!;
}
